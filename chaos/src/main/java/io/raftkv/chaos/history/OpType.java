package io.raftkv.chaos.history;

/** What a recorded client operation asked. */
public enum OpType {
    /** Linearizable read of one register key; result = value read, or empty for absent. */
    READ,
    /** Unconditional write of a unique value to one register key. */
    WRITE,
    /** Compare-and-set of one register key ({@code expected} to {@code value}); result "true"/"false". */
    CAS,
    /** Delete of one register key; result "true" if it existed. */
    DELETE,
    /** Put-if-absent (SQL INSERT); result "true" if it wrote. Register keys and set keys. */
    INSERT,
    /** One consistent read of a whole group; result = "k=v;k=v" of the keys present. */
    GROUP_READ,
    /** One atomic batch writing {@code value} to every key of a group. */
    GROUP_WRITE,
    /** One atomic transaction: every key of the group equals {@code expected}, then all become {@code value}. */
    GROUP_CAS,
    /** One atomic batch deleting every key of a group. */
    GROUP_DELETE,
    /** The read of everything under a prefix after the faults healed; result as GROUP_READ. */
    FINAL_READ
}
