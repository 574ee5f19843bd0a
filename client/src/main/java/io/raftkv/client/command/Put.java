package io.raftkv.client.command;

import java.util.Arrays;
import java.util.Objects;

/**
 * Sets {@code key} to {@code value} when {@code condition} holds.
 *
 * @param key       the key, not copied; size checked by {@link CommandLimits}
 * @param value     the new value, not copied; may be empty
 * @param condition when it applies
 */
public record Put(byte[] key, byte[] value, Condition condition) implements Op {

    public Put {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(condition, "condition");
    }

    /** An unconditional put (SQL UPSERT). */
    public static Put of(byte[] key, byte[] value) {
        return new Put(key, value, Condition.NONE);
    }

    /** A put that applies only when the key is absent (SQL INSERT). */
    public static Put ifAbsent(byte[] key, byte[] value) {
        return new Put(key, value, Condition.ABSENT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Put p
                && Arrays.equals(key, p.key)
                && Arrays.equals(value, p.value)
                && condition.equals(p.condition);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(key) * 31 + Arrays.hashCode(value)) * 31 + condition.hashCode();
    }

    @Override
    public String toString() {
        return "Put[key=" + key.length + " bytes, value=" + value.length + " bytes, " + condition + "]";
    }
}
