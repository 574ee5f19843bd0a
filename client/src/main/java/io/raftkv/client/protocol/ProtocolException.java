package io.raftkv.client.protocol;

import java.util.Objects;

/**
 * The bytes received break the wire protocol. The connection they came from cannot be trusted
 * any further and is closed; the message names the field or limit that was broken.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Which rule was broken; stable names, used in logs and metrics. */
    public enum Reason {
        /** The first four bytes of a frame are not {@link FrameHeader#MAGIC}. */
        BAD_MAGIC,
        /** The header's version is not one this node speaks. */
        UNSUPPORTED_VERSION,
        /** The header's type code is not a {@link FrameType}. */
        UNKNOWN_FRAME_TYPE,
        /** Undefined flag bits or the reserved byte are set. */
        BAD_FLAGS,
        /** The declared length is negative or above the frame limit in force. */
        FRAME_TOO_LARGE,
        /** The body's CRC32C differs from the header's. */
        BAD_CHECKSUM,
        /** The connection ended in the middle of a frame. */
        TRUNCATED,
        /** A frame of a type not allowed at this point of the conversation (e.g. before the handshake). */
        UNEXPECTED_FRAME,
        /** A body that its codec cannot read: short, overlong, or a field out of range. */
        MALFORMED_BODY
    }

    /** Never null. */
    private final Reason reason;

    /**
     * @param reason  which rule was broken
     * @param message what was seen and what was expected, naming the field or limit
     */
    public ProtocolException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Which rule was broken. */
    public Reason reason() {
        return reason;
    }
}
