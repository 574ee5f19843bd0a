package io.raftkv.client.rpc;

import io.raftkv.client.protocol.ProtocolException;

/** The Raft role of the node answering a status request (§5.1, pre-vote of thesis §9.6). */
public enum NodeRole {
    FOLLOWER(1), PRE_CANDIDATE(2), CANDIDATE(3), LEADER(4);

    /** Wire code, 1..255. */
    private final int code;

    NodeRole(int code) {
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
    public static NodeRole fromCode(int code) throws ProtocolException {
        for (NodeRole r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, "node role code " + code
                + " is not defined");
    }
}
