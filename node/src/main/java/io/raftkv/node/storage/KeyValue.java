package io.raftkv.node.storage;

import java.util.Arrays;

/**
 * A key's current value and versions, as read from the {@code data} database.
 *
 * @param key         the key
 * @param value       the value
 * @param createIndex log index of the write that created the key (since it was last absent)
 * @param modIndex    log index of the key's last write; what {@code ModIndexEquals} compares
 */
public record KeyValue(byte[] key, byte[] value, long createIndex, long modIndex) {

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && Arrays.equals(key, kv.key) && Arrays.equals(value, kv.value)
                && createIndex == kv.createIndex && modIndex == kv.modIndex;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(key) * 31 + Arrays.hashCode(value)) * 31 + Long.hashCode(modIndex);
    }

    @Override
    public String toString() {
        return "KeyValue[key=" + new String(key, java.nio.charset.StandardCharsets.UTF_8) + ", value="
                + value.length + " bytes, create=" + createIndex + ", mod=" + modIndex + "]";
    }
}
