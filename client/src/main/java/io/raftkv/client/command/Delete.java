package io.raftkv.client.command;

import java.util.Arrays;
import java.util.Objects;

/**
 * Removes {@code key} when {@code condition} holds. Deleting an absent key under
 * {@link Condition#NONE} applies and reports {@code existedBefore = false}.
 *
 * @param key       the key, not copied
 * @param condition when it applies
 */
public record Delete(byte[] key, Condition condition) implements Op {

    public Delete {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(condition, "condition");
    }

    /** An unconditional delete. */
    public static Delete of(byte[] key) {
        return new Delete(key, Condition.NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delete d && Arrays.equals(key, d.key) && condition.equals(d.condition);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + condition.hashCode();
    }

    @Override
    public String toString() {
        return "Delete[key=" + key.length + " bytes, " + condition + "]";
    }
}
