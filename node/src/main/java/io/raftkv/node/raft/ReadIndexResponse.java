package io.raftkv.node.raft;

/**
 * The leader's answer to a {@link ReadIndexRequest}.
 *
 * @param requestId the follower's request id
 * @param readIndex the commit index the follower must apply before serving the read; meaningless
 *     when {@code ok} is false
 * @param ok false if the leader could not confirm its leadership (the read must be retried)
 */
public record ReadIndexResponse(String from, String to, long term, long requestId,
        long readIndex, boolean ok) implements Message {
}
