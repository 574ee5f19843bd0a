package io.raftkv.node.raft;

/**
 * Proposals this node accepted as leader in {@code term} at indexes [{@code firstIndex},
 * {@code lastIndex}] that were not committed when it lost leadership. Each may still commit
 * under a later leader or be overwritten: the server answers their clients "outcome unknown"
 * so they retry idempotently. A pending proposal whose index later commits with a different term
 * definitely failed.
 */
public record UnknownOutcome(long term, long firstIndex, long lastIndex) {
}
