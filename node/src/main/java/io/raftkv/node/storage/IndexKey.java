package io.raftkv.node.storage;

import com.sleepycat.je.DatabaseEntry;
import java.nio.ByteBuffer;

/**
 * Keys of the log databases: the index as 8 bytes big-endian. Indexes are positive, so JE's
 * unsigned byte order is numeric order.
 */
final class IndexKey {

    private IndexKey() {
    }

    static DatabaseEntry of(long index) {
        return new DatabaseEntry(ByteBuffer.allocate(8).putLong(index).array());
    }

    /** @throws StorageException if the key is not 8 bytes */
    static long read(DatabaseEntry key) {
        if (key.getSize() != 8) {
            throw new StorageException("corrupt log key of " + key.getSize() + " bytes (8 expected)");
        }
        return ByteBuffer.wrap(key.getData(), key.getOffset(), 8).getLong();
    }
}
