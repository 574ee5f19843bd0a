package io.raftkv.node.raft;

/**
 * A confirmed linearizable read (thesis §6.4): serve request {@code requestId} once this node has
 * applied at least {@code readIndex}.
 */
public record ReadState(long requestId, long readIndex) {
}
