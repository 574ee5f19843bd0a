package io.raftkv.node.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The snapshot stream: {@code magic "RKVSNAP" version:1 index:8 term:8}, then records
 * {@code tag:1 keyLen:4 key valueLen:4 value} with tag 1 = meta, 2 = data, then
 * {@code tag 0, recordCount:8, crc32c:4} over everything before the checksum. Data values are
 * stored as in the {@code data} database, so modification indexes survive a transfer.
 */
final class SnapshotFormat {

    static final byte[] MAGIC = "RKVSNAP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int TAG_END = 0;
    static final int TAG_META = 1;
    static final int TAG_DATA = 2;
    // bounds on declared lengths, checked before allocating
    static final int MAX_KEY = 1 << 20;
    static final int MAX_VALUE = 1 << 28;

    private SnapshotFormat() {
    }

    /** Writes records; {@link #finish} must be called once at the end. Not thread-safe. */
    static final class Writer {
        private final CheckedOutputStream checked;
        private final Counting counted;
        private final DataOutputStream out;
        private long records;

        Writer(OutputStream sink, long index, long term) throws IOException {
            checked = new CheckedOutputStream(sink, new CRC32C());
            counted = new Counting(checked);
            out = new DataOutputStream(counted);
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(index);
            out.writeLong(term);
        }

        void record(int tag, byte[] key, byte[] value) throws IOException {
            out.writeByte(tag);
            out.writeInt(key.length);
            out.write(key);
            out.writeInt(value.length);
            out.write(value);
            records++;
        }

        long finish() throws IOException {
            out.writeByte(TAG_END);
            out.writeLong(records);
            out.flush();
            int crc = (int) checked.getChecksum().getValue();
            out.writeInt(crc);
            out.flush();
            return records;
        }

        /** Bytes written so far; a long (DataOutputStream.size() stops at 2 GiB). */
        long bytes() {
            return counted.count;
        }
    }

    /** Counts the bytes that pass through. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Reads a stream written by {@link Writer}. Not thread-safe. */
    static final class Reader {
        private final CheckedInputStream checked;
        private final DataInputStream in;
        final long index;
        final long term;
        private long records;

        /** @throws StorageException if the header is not a raftkv snapshot */
        Reader(InputStream source) throws IOException {
            checked = new CheckedInputStream(source, new CRC32C());
            in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            readFully(magic);
            int version = in.readUnsignedByte();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new StorageException("not a raftkv snapshot (version " + VERSION + "): bad header");
            }
            index = in.readLong();
            term = in.readLong();
            if (index < 0 || term < 0) {
                throw new StorageException("corrupt snapshot header: index " + index + ", term " + term);
            }
        }

        /**
         * Reads the next record into {@code kv} ({key, value}); returns its tag, or
         * {@link #TAG_END} after verifying the count and checksum.
         *
         * @throws StorageException on a malformed or truncated stream or a checksum mismatch
         */
        int next(byte[][] kv) throws IOException {
            int tag = in.readUnsignedByte();
            if (tag == TAG_END) {
                long count = in.readLong();
                int expected = (int) checked.getChecksum().getValue();
                int crc = in.readInt();
                if (count != records || crc != expected) {
                    throw new StorageException("snapshot checksum or record count mismatch (" + count + " declared, "
                            + records + " read); the transfer was damaged, fetch the snapshot again");
                }
                if (in.read() != -1) {
                    throw new StorageException("unexpected bytes after the end of the snapshot");
                }
                return TAG_END;
            }
            if (tag != TAG_META && tag != TAG_DATA) {
                throw new StorageException("corrupt snapshot: unknown record tag " + tag);
            }
            kv[0] = readBytes(MAX_KEY, "key");
            kv[1] = readBytes(MAX_VALUE, "value");
            records++;
            return tag;
        }

        private byte[] readBytes(int max, String what) throws IOException {
            int len = in.readInt();
            if (len < 0 || len > max) {
                throw new StorageException("corrupt snapshot: " + what + " length " + len + " outside [0, " + max + "]");
            }
            byte[] b = new byte[len];
            readFully(b);
            return b;
        }

        private void readFully(byte[] b) throws IOException {
            try {
                in.readFully(b);
            } catch (EOFException e) {
                throw new StorageException("snapshot stream ends early; the transfer was cut, fetch it again", e);
            }
        }
    }
}
