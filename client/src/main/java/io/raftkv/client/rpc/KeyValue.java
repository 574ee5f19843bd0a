package io.raftkv.client.rpc;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a scan page.
 *
 * @param key      the key, not copied
 * @param value    its value, not copied
 * @param modIndex the log index of the key's last write, at least 1 (usable in a ModIndexEquals condition)
 */
public record KeyValue(byte[] key, byte[] value, long modIndex) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (modIndex < 1) {
            throw new IllegalArgumentException("modIndex of a present key must be at least 1, was " + modIndex);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && Arrays.equals(key, kv.key) && Arrays.equals(value, kv.value)
                && modIndex == kv.modIndex;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(key) * 31 + Arrays.hashCode(value)) * 31 + Long.hashCode(modIndex);
    }

    @Override
    public String toString() {
        return "KeyValue[key=" + key.length + " bytes, value=" + value.length + " bytes, modIndex=" + modIndex + "]";
    }
}
