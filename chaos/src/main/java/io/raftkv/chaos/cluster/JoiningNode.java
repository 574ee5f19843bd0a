package io.raftkv.chaos.cluster;

import io.raftkv.client.api.NodeAddress;

/**
 * A node started with {@code --join}, waiting to be added.
 *
 * @param id      its id
 * @param address where its peers reach it (its ingress proxy); give this to AddLearner
 */
public record JoiningNode(String id, NodeAddress address) {
}
