package io.raftkv.node.storage;

import java.nio.ByteBuffer;

/**
 * Layout of a value in the {@code data} database: {@code createIndex:8 modIndex:8 value}, both
 * indexes big-endian. The format version of the whole database is in {@code meta}.
 */
final class DataRecord {

    static final int HEADER = 16;

    private DataRecord() {
    }

    static byte[] encode(byte[] value, long createIndex, long modIndex) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + value.length);
        b.putLong(createIndex).putLong(modIndex).put(value);
        return b.array();
    }

    /**
     * @throws StorageException if the record is shorter than its header (corruption)
     */
    static KeyValue decode(byte[] key, byte[] record) {
        if (record.length < HEADER) {
            throw new StorageException("corrupt data record of " + record.length
                    + " bytes (at least 16 expected); the data directory is damaged, restore it from a peer");
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        long create = b.getLong();
        long mod = b.getLong();
        byte[] value = new byte[record.length - HEADER];
        b.get(value);
        return new KeyValue(key, value, create, mod);
    }
}
