package io.raftkv.client.log;

/**
 * What a log entry carries. The numeric code is part of the on-disk and wire encoding: never
 * renumber a constant, only add new ones.
 */
public enum EntryType {
    /** A leader's first entry of its term (Raft §8): commits earlier terms' entries. Empty payload. */
    NOOP(0),
    /** An encoded {@code io.raftkv.client.command} command for the key-value state machine. */
    COMMAND(1),
    /** A membership change, encoded by the Raft core. */
    CONFIG(2);

    private final int code;

    EntryType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Returns the type for {@code code}, or null if no type has that code. */
    public static EntryType ofCode(int code) {
        for (EntryType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
