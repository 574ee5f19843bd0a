package io.raftkv.client.command;

/**
 * Reads the primitives of the raftkv encodings from a byte array. Every method checks the
 * remaining input before reading or allocating and reports malformed input as a
 * {@link CodecException}; none throws an unchecked exception. Not thread-safe.
 */
final class ByteReader {

    private final byte[] in;
    // invariant: 0 <= pos <= in.length
    private int pos;

    ByteReader(byte[] in) {
        this.in = in;
    }

    int remaining() {
        return in.length - pos;
    }

    int position() {
        return pos;
    }

    int readByte(String what) throws CodecException {
        if (pos >= in.length) {
            throw new CodecException("input ends at byte " + pos + " where " + what + " was expected");
        }
        return in[pos++] & 0xFF;
    }

    /** Unsigned LEB128 of at most 10 bytes that fits a non-negative long. */
    long readVarLong(String what) throws CodecException {
        int start = pos;
        long v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = readByte(what);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift > 0 && b == 0) {
                    throw new CodecException(what + " at byte " + start + " is not minimally encoded");
                }
                return v;
            }
        }
        throw new CodecException(what + " at byte " + start + " is longer than a non-negative 64-bit number");
    }

    /** A varint in {@code [min, max]}. */
    long readVarLong(String what, long min, long max) throws CodecException {
        int start = pos;
        long v = readVarLong(what);
        if (v < min || v > max) {
            throw new CodecException(what + " at byte " + start + " is " + v + ", outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** A varint length then that many bytes; the length is checked against the input first. */
    byte[] readBytes(String what) throws CodecException {
        int start = pos;
        long len = readVarLong(what + " length");
        if (len > remaining()) {
            throw new CodecException(what + " at byte " + start + " declares " + len + " bytes but only "
                    + remaining() + " remain");
        }
        byte[] out = new byte[(int) len];
        System.arraycopy(in, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    /** Fails unless the whole input was consumed. */
    void expectEnd(String what) throws CodecException {
        if (pos != in.length) {
            throw new CodecException(remaining() + " unexpected bytes after the " + what + " at byte " + pos);
        }
    }
}
