package io.raftkv.node.raft;

/**
 * A follower asks the leader for a read index on behalf of one of its clients (thesis §6.4).
 *
 * @param requestId the follower's request id, echoed in the response
 */
public record ReadIndexRequest(String from, String to, long term, long requestId)
        implements Message {
}
