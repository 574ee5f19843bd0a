package io.raftkv.node.raft;

/**
 * The leader's periodic assertion of authority (§5.2), carrying no entries.
 *
 * @param commit the leader's commit index capped at what this follower is known to hold, so a
 *     follower never commits past its own matching prefix
 * @param context a ReadIndex round number (0 = none); echoed in the response so the leader knows
 *     which reads a majority has confirmed (thesis §6.4)
 */
public record Heartbeat(String from, String to, long term, long commit, long context)
        implements Message {
}
