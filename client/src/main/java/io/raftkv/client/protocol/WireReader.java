package io.raftkv.client.protocol;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Bounds-checked big-endian reads over one frame body. Every read that would pass the end
 * throws {@link ProtocolException.Reason#MALFORMED_BODY} instead of an unchecked exception, and
 * nothing is allocated beyond what the remaining input can hold, whatever a length field claims.
 *
 * <p>Not thread-safe; one reader per body, on the thread that decodes it.
 */
public final class WireReader {

    /** The whole body; never written. */
    private final byte[] bytes;
    /** Next byte to read; 0 <= position <= bytes.length. */
    private int position;
    /** Named in error messages, e.g. "Handshake". */
    private final String what;

    /**
     * @param bytes the body to read, not copied
     * @param what  what the body is, for error messages
     */
    public WireReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return bytes.length - position;
    }

    /** Reads one unsigned byte, 0..255. */
    public int readU8(String field) throws ProtocolException {
        need(1, field);
        return bytes[position++] & 0xFF;
    }

    /** Reads an unsigned 16-bit value, 0..65535. */
    public int readU16(String field) throws ProtocolException {
        need(2, field);
        int v = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    /** Reads a signed 32-bit value. */
    public int readInt(String field) throws ProtocolException {
        need(4, field);
        int v = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    /** Reads a signed 64-bit value. */
    public long readLong(String field) throws ProtocolException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[position + i] & 0xFF);
        }
        position += 8;
        return v;
    }

    /** Reads a boolean written as one byte 0 or 1; any other value is malformed. */
    public boolean readBoolean(String field) throws ProtocolException {
        int v = readU8(field);
        if (v > 1) {
            throw malformed(field + " must be 0 or 1, was " + v);
        }
        return v == 1;
    }

    /**
     * Reads a count written as a signed int and checks it against a cap and against what the
     * remaining input could hold when each element takes at least {@code minBytesPerElement}.
     */
    public int readCount(String field, int max, int minBytesPerElement) throws ProtocolException {
        int count = readInt(field);
        if (count < 0 || count > max) {
            throw malformed(field + " must be in 0.." + max + ", was " + count);
        }
        if ((long) count * minBytesPerElement > remaining()) {
            throw malformed(field + " claims " + count + " elements but only " + remaining()
                    + " bytes remain");
        }
        return count;
    }

    /** Reads a byte array written as a signed int length and the bytes; length at most {@code max}. */
    public byte[] readBytes(String field, int max) throws ProtocolException {
        int length = readInt(field + " length");
        if (length < 0 || length > max) {
            throw malformed(field + " length must be in 0.." + max + ", was " + length);
        }
        need(length, field);
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    /** Reads a string written as an unsigned 16-bit length and strict UTF-8; length at most {@code maxBytes}. */
    public String readString(String field, int maxBytes) throws ProtocolException {
        int length = readU16(field + " length");
        if (length > maxBytes) {
            throw malformed(field + " is " + length + " bytes, the limit is " + maxBytes);
        }
        need(length, field);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            throw malformed(field + " is not valid UTF-8");
        }
    }

    /** Checks that every byte was read; trailing bytes mean the writer and reader disagree. */
    public void expectEnd() throws ProtocolException {
        if (remaining() != 0) {
            throw malformed(remaining() + " unexpected trailing bytes");
        }
    }

    /** A MALFORMED_BODY exception naming this body. */
    public ProtocolException malformed(String detail) {
        return new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, what + ": " + detail);
    }

    private void need(int n, String field) throws ProtocolException {
        if (n > remaining()) {
            throw malformed(field + " needs " + n + " bytes at offset " + position + " but only "
                    + remaining() + " remain");
        }
    }
}
