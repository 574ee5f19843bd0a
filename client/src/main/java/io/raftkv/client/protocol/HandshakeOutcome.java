package io.raftkv.client.protocol;

/** The verdict in a {@link HandshakeReply}. Codes are stable; new ones are only ever added. */
public enum HandshakeOutcome {
    /** The connection is open for frames of the declared role. */
    ACCEPTED(0),
    /** The sender's cluster id is not this node's; it is talking to the wrong cluster. */
    REFUSED_CLUSTER_ID(1),
    /** A peer whose node id is not a member this node knows (never added, or removed). */
    REFUSED_UNKNOWN_PEER(2),
    /** The sender's protocol version is not one this node speaks; the reply carries the node's. */
    REFUSED_VERSION(3),
    /** The node already holds its maximum number of connections. */
    REFUSED_CONNECTION_LIMIT(4);

    /** Wire code, 0..255. */
    private final int code;

    HandshakeOutcome(int code) {
        this.code = code;
    }

    /** The wire code, 0..255. */
    public int code() {
        return code;
    }

    /**
     * The outcome with this wire code.
     *
     * @throws ProtocolException MALFORMED_BODY if no outcome has this code
     */
    public static HandshakeOutcome fromCode(int code) throws ProtocolException {
        for (HandshakeOutcome outcome : values()) {
            if (outcome.code == code) {
                return outcome;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY,
                "HandshakeReply: outcome code " + code + " is not defined");
    }
}
