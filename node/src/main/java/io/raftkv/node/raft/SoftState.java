package io.raftkv.node.raft;

/**
 * Volatile state the server may show or use for routing; never persisted.
 *
 * @param role this node's role
 * @param leaderId the leader this node currently follows (itself when leader), or null
 * @param term the current term
 */
public record SoftState(Role role, String leaderId, long term) {
}
