package io.raftkv.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian writes into a growing byte array: the counterpart of {@link WireReader}.
 *
 * <p>Not thread-safe; one writer per body being built.
 */
public final class WireWriter {

    /** Holds the written bytes in [0, size). */
    private byte[] buffer;
    /** Bytes written so far; 0 <= size <= buffer.length. */
    private int size;

    /** @param initialCapacity expected body size in bytes, at least 0 */
    public WireWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Writes the low 8 bits of {@code v}. */
    public WireWriter writeU8(int v) {
        ensure(1);
        buffer[size++] = (byte) v;
        return this;
    }

    /** Writes the low 16 bits of {@code v}. */
    public WireWriter writeU16(int v) {
        ensure(2);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
        return this;
    }

    /** Writes a signed 32-bit value. */
    public WireWriter writeInt(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
        return this;
    }

    /** Writes a signed 64-bit value. */
    public WireWriter writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** Writes 1 for true, 0 for false. */
    public WireWriter writeBoolean(boolean v) {
        return writeU8(v ? 1 : 0);
    }

    /** Writes a signed int length and the bytes. */
    public WireWriter writeBytes(byte[] v) {
        writeInt(v.length);
        ensure(v.length);
        System.arraycopy(v, 0, buffer, size, v.length);
        size += v.length;
        return this;
    }

    /**
     * Writes an unsigned 16-bit length and the UTF-8 bytes.
     *
     * @throws IllegalArgumentException if the UTF-8 form is longer than {@code maxBytes}
     */
    public WireWriter writeString(String v, int maxBytes) {
        byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes || utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("string of " + utf8.length + " UTF-8 bytes exceeds the limit of "
                    + Math.min(maxBytes, 0xFFFF));
        }
        writeU16(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** The bytes written so far, as a new array of exactly that length. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int n) {
        if (size + n > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + n);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("body would exceed " + (Integer.MAX_VALUE - 8) + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
