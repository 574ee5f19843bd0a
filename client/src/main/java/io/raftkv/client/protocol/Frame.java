package io.raftkv.client.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded frame: its type and body bytes. Header details (magic, version, flags, checksum)
 * are checked by {@link FrameDecoder} and written by {@link FrameEncoder}; they do not travel
 * further.
 *
 * <p>The body array is shared, not copied: whoever hands a frame over must not write into it
 * afterwards.
 *
 * @param type what the body is
 * @param body the body bytes, possibly empty, never null
 */
public record Frame(FrameType type, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public Frame {
        Objects.requireNonNull(type, "type");
        body = body == null ? EMPTY : body;
    }

    /** A frame with an empty body, e.g. {@link FrameType#PING}. */
    public static Frame empty(FrameType type) {
        return new Frame(type, EMPTY);
    }

    /** Bytes on the wire: header plus body. */
    public int wireSize() {
        return FrameHeader.BYTES + body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && type == f.type && Arrays.equals(body, f.body);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame[" + type + ", " + body.length + " body bytes]";
    }
}
