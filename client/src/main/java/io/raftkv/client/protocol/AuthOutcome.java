package io.raftkv.client.protocol;

/** The verdict in an {@link AuthReply}. Codes are stable; new ones are only ever added. */
public enum AuthOutcome {
    /** The client may send requests: the credentials are right, or the node does not authenticate. */
    ACCEPTED(0),
    /** Unknown user or wrong password (the node does not say which). */
    REFUSED_CREDENTIALS(1),
    /** Too many failed attempts from this address for this user; refused without checking the password. */
    REFUSED_TOO_MANY_ATTEMPTS(2),
    /** The node authenticates clients and the client sent no user. */
    REFUSED_NO_CREDENTIALS(3),
    /**
     * The node has no user at all yet (a new cluster whose bootstrap user is not applied on this
     * node yet): nothing to check against. Transient: clients retry, and it does not count as a
     * failed attempt.
     */
    REFUSED_NO_USERS_YET(4);

    /** Wire code, 0..255. */
    private final int code;

    AuthOutcome(int code) {
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
    public static AuthOutcome fromCode(int code) throws ProtocolException {
        for (AuthOutcome outcome : values()) {
            if (outcome.code == code) {
                return outcome;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY,
                "AuthReply: outcome code " + code + " is not defined");
    }
}
