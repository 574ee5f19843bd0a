package io.raftkv.calcite;

import java.util.Arrays;
import java.util.Objects;

/**
 * One key with its value and the log index of its last write.
 *
 * @param key      the key bytes (UTF-8 for SQL keys), not copied
 * @param value    the value bytes, not copied
 * @param modIndex the log index that last wrote the key, at least 1
 */
public record KvEntry(byte[] key, byte[] value, long modIndex) {

    public KvEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (modIndex < 1) {
            throw new IllegalArgumentException("modIndex of a present key is at least 1, was " + modIndex);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvEntry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value)
                && modIndex == e.modIndex;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(key) * 31 + Arrays.hashCode(value)) * 31 + Long.hashCode(modIndex);
    }

    @Override
    public String toString() {
        return "KvEntry[" + Keys.decode(key) + ", " + value.length + " bytes, modIndex=" + modIndex + "]";
    }
}
