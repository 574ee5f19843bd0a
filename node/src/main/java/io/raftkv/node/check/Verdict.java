package io.raftkv.node.check;

/** The answer of a linearizability check. */
public enum Verdict {
    /** Every key's sub-history has a legal order that respects real time. */
    LINEARIZABLE,
    /** At least one key's sub-history has no legal order that respects real time. */
    NOT_LINEARIZABLE,
    /** No key was found non-linearizable, but the search ran out of budget on at least one key. */
    UNKNOWN
}
