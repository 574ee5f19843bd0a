package io.raftkv.client.protocol;

/**
 * Sizes and counts a node enforces on its connections. Immutable, validated once in the
 * constructor; start from {@link #DEFAULTS} and change what you need with the {@code with...}
 * methods.
 *
 * @param maxFrameBytes                  largest frame, header included, after the handshake; default 16 MiB
 * @param maxPreHandshakeFrameBytes      largest frame before the handshake is accepted; default 64 KiB,
 *                                       so an unauthenticated connection cannot make a node buffer much
 * @param maxKeyBytes                    largest key; default 4 KiB
 * @param maxValueBytes                  largest value; default 1 MiB
 * @param maxRequestsInFlightPerConnection client requests a node accepts on one connection before it
 *                                       stops reading from it until answers go out; default 1024
 * @param maxConnectionsPerNode          open connections (peers and clients) a node accepts; default 1024
 */
public record ProtocolLimits(
        int maxFrameBytes,
        int maxPreHandshakeFrameBytes,
        int maxKeyBytes,
        int maxValueBytes,
        int maxRequestsInFlightPerConnection,
        int maxConnectionsPerNode) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_KEY_BYTES = 4 * 1024;
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT_PER_CONNECTION = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_NODE = 1024;

    /** The documented defaults (docs/protocol.md, DESIGN.md "Limits"). */
    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(
            DEFAULT_MAX_FRAME_BYTES,
            DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES,
            DEFAULT_MAX_KEY_BYTES,
            DEFAULT_MAX_VALUE_BYTES,
            DEFAULT_MAX_REQUESTS_IN_FLIGHT_PER_CONNECTION,
            DEFAULT_MAX_CONNECTIONS_PER_NODE);

    /** The handshake body is small; a pre-handshake limit below this would refuse every peer. */
    static final int MIN_PRE_HANDSHAKE_FRAME_BYTES = 1024;

    /**
     * @throws IllegalArgumentException naming the field, if a value is not positive, the
     *                                  pre-handshake limit is below 1 KiB or above the frame limit,
     *                                  or a key or value could not fit in one frame
     */
    public ProtocolLimits {
        requirePositive("maxFrameBytes", maxFrameBytes);
        requirePositive("maxPreHandshakeFrameBytes", maxPreHandshakeFrameBytes);
        requirePositive("maxKeyBytes", maxKeyBytes);
        requirePositive("maxValueBytes", maxValueBytes);
        requirePositive("maxRequestsInFlightPerConnection", maxRequestsInFlightPerConnection);
        requirePositive("maxConnectionsPerNode", maxConnectionsPerNode);
        if (maxPreHandshakeFrameBytes < MIN_PRE_HANDSHAKE_FRAME_BYTES) {
            throw new IllegalArgumentException("maxPreHandshakeFrameBytes must be at least "
                    + MIN_PRE_HANDSHAKE_FRAME_BYTES + " to fit a handshake, was " + maxPreHandshakeFrameBytes);
        }
        if (maxPreHandshakeFrameBytes > maxFrameBytes) {
            throw new IllegalArgumentException("maxPreHandshakeFrameBytes (" + maxPreHandshakeFrameBytes
                    + ") must not exceed maxFrameBytes (" + maxFrameBytes + ")");
        }
        long keyAndValue = (long) maxKeyBytes + maxValueBytes + FrameHeader.BYTES;
        if (keyAndValue > maxFrameBytes) {
            throw new IllegalArgumentException("maxKeyBytes + maxValueBytes + " + FrameHeader.BYTES
                    + " header bytes (" + keyAndValue + ") must fit in maxFrameBytes (" + maxFrameBytes
                    + "), or a legal write could not be sent");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** A copy with another frame limit (header included). */
    public ProtocolLimits withMaxFrameBytes(int value) {
        return new ProtocolLimits(value, maxPreHandshakeFrameBytes, maxKeyBytes, maxValueBytes,
                maxRequestsInFlightPerConnection, maxConnectionsPerNode);
    }

    /** A copy with another pre-handshake frame limit (header included). */
    public ProtocolLimits withMaxPreHandshakeFrameBytes(int value) {
        return new ProtocolLimits(maxFrameBytes, value, maxKeyBytes, maxValueBytes,
                maxRequestsInFlightPerConnection, maxConnectionsPerNode);
    }

    /** A copy with another key limit. */
    public ProtocolLimits withMaxKeyBytes(int value) {
        return new ProtocolLimits(maxFrameBytes, maxPreHandshakeFrameBytes, value, maxValueBytes,
                maxRequestsInFlightPerConnection, maxConnectionsPerNode);
    }

    /** A copy with another value limit. */
    public ProtocolLimits withMaxValueBytes(int value) {
        return new ProtocolLimits(maxFrameBytes, maxPreHandshakeFrameBytes, maxKeyBytes, value,
                maxRequestsInFlightPerConnection, maxConnectionsPerNode);
    }

    /** A copy with another per-connection in-flight request limit. */
    public ProtocolLimits withMaxRequestsInFlightPerConnection(int value) {
        return new ProtocolLimits(maxFrameBytes, maxPreHandshakeFrameBytes, maxKeyBytes, maxValueBytes,
                value, maxConnectionsPerNode);
    }

    /** A copy with another per-node connection limit. */
    public ProtocolLimits withMaxConnectionsPerNode(int value) {
        return new ProtocolLimits(maxFrameBytes, maxPreHandshakeFrameBytes, maxKeyBytes, maxValueBytes,
                maxRequestsInFlightPerConnection, value);
    }
}
