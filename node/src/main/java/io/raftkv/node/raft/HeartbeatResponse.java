package io.raftkv.node.raft;

/**
 * The answer to a {@link Heartbeat}.
 *
 * @param context the heartbeat's read round, echoed
 */
public record HeartbeatResponse(String from, String to, long term, long context)
        implements Message {
}
