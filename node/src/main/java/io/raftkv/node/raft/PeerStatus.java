package io.raftkv.node.raft;

/**
 * The leader's view of one member, for admin status.
 *
 * @param id the member
 * @param voter true for a voter, false for a learner
 * @param match highest index known replicated on it
 * @param next next index to send to it
 * @param state replication state
 * @param recentlyActive heard from it within the current check-quorum window
 */
public record PeerStatus(String id, boolean voter, long match, long next, ProgressState state,
        boolean recentlyActive) {
}
