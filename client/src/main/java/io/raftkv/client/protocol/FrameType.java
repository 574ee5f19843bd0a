package io.raftkv.client.protocol;

/**
 * What a frame's body is. The code is the byte in the frame header; codes are never reused
 * once published, so a node can name an unknown code in its error instead of guessing.
 *
 * <p>The transport is payload-agnostic: {@link #RAFT_MESSAGE} and {@link #CLIENT_REQUEST}
 * bodies start with their own codec's tag and are decoded above the transport.
 */
public enum FrameType {
    /** First frame of every connection, from the connecting side: a {@link Handshake}. */
    HANDSHAKE(0x01),
    /** The accepting side's answer to a handshake: a {@link HandshakeReply}. */
    HANDSHAKE_REPLY(0x02),
    /** Keep-alive with an empty body; the receiver answers {@link #PONG}. */
    PING(0x03),
    /** Answer to {@link #PING}, empty body. */
    PONG(0x04),
    /**
     * Second frame of a CLIENT connection, once its handshake is accepted: an {@link AuthRequest}
     * (user and password, or none). Version 4 on.
     */
    AUTH(0x05),
    /** The node's answer to {@link #AUTH}: an {@link AuthReply}. Only after it accepts may requests follow. */
    AUTH_REPLY(0x06),
    /** One Raft message between peers (RequestVote, AppendEntries, ... and their replies). */
    RAFT_MESSAGE(0x10),
    /** A request from a client to a node. */
    CLIENT_REQUEST(0x20),
    /** A node's answer to a {@link #CLIENT_REQUEST}. */
    CLIENT_RESPONSE(0x21);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    /** The header byte, 0..255. */
    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The byte written in the frame header, 0..255. */
    public int code() {
        return code;
    }

    /**
     * The type with this header byte.
     *
     * @param code the unsigned header byte, 0..255
     * @throws ProtocolException {@link ProtocolException.Reason#UNKNOWN_FRAME_TYPE} if no type has this code
     */
    public static FrameType fromCode(int code) throws ProtocolException {
        FrameType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) {
            throw new ProtocolException(ProtocolException.Reason.UNKNOWN_FRAME_TYPE,
                    "frame type code 0x" + Integer.toHexString(code) + " is not defined by protocol version "
                            + FrameHeader.CURRENT_VERSION);
        }
        return type;
    }
}
