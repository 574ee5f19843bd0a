package io.raftkv.node.check;

/**
 * One operation of a test execution that is linearizable by construction: it takes effect at
 * {@code linearizeAt}, inside [{@code invoke}, {@code returnAt}]. {@link Executions} computes
 * the outputs by applying the operations in that order.
 *
 * @param value PUT / PUT_IF_ABSENT value, CAS new value (null = delete); null otherwise
 * @param expected CAS expected value (null = absent); null otherwise
 * @param fate whether the outcome is known, and if not, whether it took effect
 */
record PlannedOp(String key, OpKind kind, String value, String expected, long invoke, long linearizeAt,
        long returnAt, Fate fate) {

    enum Fate { DEFINITE, UNKNOWN_APPLIED, UNKNOWN_NOT_APPLIED }

    PlannedOp {
        if (invoke > linearizeAt || linearizeAt > returnAt) {
            throw new IllegalArgumentException("need invoke <= linearizeAt <= returnAt");
        }
    }
}
