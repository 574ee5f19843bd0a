package io.raftkv.node.raft;

/**
 * The answer to an {@link AppendEntries} (§5.3).
 *
 * <p>On success {@code index} is the follower's match index (the last entry it now holds that
 * the request covered). On rejection {@code index} is the rejected {@code prevIndex} and the hint
 * lets the leader skip a whole conflicting term at once (§5.3, "fast backtracking"): the follower
 * has no entry after {@code conflictIndex} that could match, and {@code conflictTerm} is the
 * term of its entry at {@code conflictIndex} (0 if none).
 */
public record AppendEntriesResponse(String from, String to, long term, boolean success,
        long index, long conflictIndex, long conflictTerm) implements Message {
}
