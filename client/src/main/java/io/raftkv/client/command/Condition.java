package io.raftkv.client.command;

import java.util.Arrays;

/**
 * When a {@link Put} or {@link Delete} takes effect. Conditions are checked by the state machine
 * at apply time, against the state every replica holds at that log index, so every replica
 * reaches the same answer.
 */
public sealed interface Condition
        permits Condition.None, Condition.Absent, Condition.Exists, Condition.ValueEquals,
                Condition.ModIndexEquals {

    /** The unconditional condition. */
    Condition NONE = new None();
    /** The key must be absent (PutIfAbsent, SQL INSERT). */
    Condition ABSENT = new Absent();
    /** The key must exist (SQL UPDATE). */
    Condition EXISTS = new Exists();

    /** Always holds. */
    record None() implements Condition {
    }

    /** Holds when the key has no value. */
    record Absent() implements Condition {
    }

    /** Holds when the key has a value. */
    record Exists() implements Condition {
    }

    /**
     * Holds when the key exists and its value equals {@code expected} byte for byte.
     *
     * @param expected the value compared with; never null, not copied
     */
    record ValueEquals(byte[] expected) implements Condition {
        public ValueEquals {
            if (expected == null) {
                throw new IllegalArgumentException("expected value must not be null; use Condition.EXISTS");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValueEquals v && Arrays.equals(expected, v.expected);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(expected);
        }

        @Override
        public String toString() {
            return "ValueEquals[" + expected.length + " bytes]";
        }
    }

    /**
     * Holds when the key's last modification index equals {@code modIndex}; 0 means "the key is
     * absent", so a reader that saw no value can guard its write with the version it saw.
     *
     * @param modIndex the log index of the key's last write, or 0 for absent; at least 0
     */
    record ModIndexEquals(long modIndex) implements Condition {
        public ModIndexEquals {
            if (modIndex < 0) {
                throw new IllegalArgumentException("modIndex must be at least 0 (0 = absent), was " + modIndex);
            }
        }
    }
}
