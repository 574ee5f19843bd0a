package io.raftkv.client.command;

import java.util.List;

/**
 * What a command did, one {@link OpResult} per op in order.
 *
 * @param applied  true if every op applied; false if a condition failed, and then nothing applied
 * @param failedOp the index in {@link Command#ops()} of the first op whose condition failed, or -1
 *                 when {@code applied}
 * @param ops      one result per op; when not {@code applied} every result says
 *                 {@code applied = false}, and the results after {@code failedOp} report the state
 *                 as the ops before it would have left it
 */
public record CommandResult(boolean applied, int failedOp, List<OpResult> ops) {

    public CommandResult {
        ops = List.copyOf(ops);
        if (applied != (failedOp == -1)) {
            throw new IllegalArgumentException(
                    "failedOp is -1 exactly when applied; was applied=" + applied + ", failedOp=" + failedOp);
        }
        if (failedOp < -1 || failedOp >= ops.size()) {
            throw new IllegalArgumentException("failedOp " + failedOp + " out of range for " + ops.size() + " ops");
        }
    }

    /** Number of ops that changed the store: SQL's update count. */
    public int changedCount() {
        int n = 0;
        for (OpResult r : ops) {
            if (r.applied() && (r.existedBefore() || r.modIndex() != 0)) {
                n++;
            }
        }
        return n;
    }
}
