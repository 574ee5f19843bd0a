package io.raftkv.client.rpc;

import io.raftkv.client.protocol.ProtocolException;

/** A member's place in the configuration: voters elect and form quorums, learners only receive the log (thesis §4.2.1). */
public enum MemberRole {
    VOTER(1), LEARNER(2);

    /** Wire code, 1..255. */
    private final int code;

    MemberRole(int code) {
        this.code = code;
    }

    /** The wire code, 1..255. */
    public int code() {
        return code;
    }

    /**
     * The member role with this wire code.
     *
     * @throws ProtocolException MALFORMED_BODY if no member role has this code
     */
    public static MemberRole fromCode(int code) throws ProtocolException {
        for (MemberRole r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, "member role code " + code
                + " is not VOTER (1) or LEARNER (2)");
    }
}
