package io.raftkv.client.protocol;

/** Who is connecting, as declared in the {@link Handshake}. */
public enum Role {
    /** Another member of the cluster; its id must be a known member. */
    PEER(1),
    /** An application or tool; any client id is accepted. */
    CLIENT(2);

    /** Wire code, 1..255; 0 is never used so a zeroed body is malformed. */
    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The wire code, 1..255. */
    public int code() {
        return code;
    }

    /**
     * The role with this wire code.
     *
     * @throws ProtocolException MALFORMED_BODY if no role has this code
     */
    public static Role fromCode(int code) throws ProtocolException {
        for (Role role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY,
                "Handshake: role code " + code + " is neither PEER (1) nor CLIENT (2)");
    }
}
