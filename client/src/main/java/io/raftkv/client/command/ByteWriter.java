package io.raftkv.client.command;

import java.util.Arrays;

/** A growable byte buffer with the primitives of the raftkv encodings. Not thread-safe. */
final class ByteWriter {

    private byte[] buf;
    // invariant: 0 <= size <= buf.length
    private int size;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** Unsigned LEB128; {@code v} must be at least 0. */
    void writeVarLong(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("varints encode non-negative numbers, got " + v);
        }
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** A varint length followed by the bytes. */
    void writeBytes(byte[] b) {
        writeVarLong(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("encoding would exceed 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
