package io.raftkv.node.check;

/**
 * What a recorded client operation asked of one key. Each kind is judged by the per-key register
 * model described in {@link Linearizability}.
 */
public enum OpKind {
    /** Read the key; the output is the value read or {@link Operation#ABSENT}. */
    GET,
    /** Unconditionally write a value; no output. */
    PUT,
    /** Remove the key; the output says whether the key existed. */
    DELETE,
    /**
     * Compare-and-set: if the current value equals the expected one (which may be
     * {@link Operation#ABSENT}), replace it by the new one (which may be {@link Operation#ABSENT},
     * a conditional delete); the output says whether the comparison held.
     */
    CAS,
    /** Write a value only if the key is absent; the output says whether it was written. */
    PUT_IF_ABSENT
}
