package io.raftkv.client.rpc;

import io.raftkv.client.protocol.ProtocolException;

/**
 * Why a node did not answer a request with a result. Codes are stable on the wire; new ones are
 * only ever added. {@link #retryable()} says whether the same request may simply be sent again
 * (for a write: with the same session sequence, so the state machine deduplicates it).
 */
public enum ErrorCode {
    /**
     * This node is not the leader (or, for a lease read, not sure it still is). The error carries
     * the leader's id and address when the node knows them (§5.1: a follower redirects clients).
     * Nothing was proposed.
     */
    NOT_LEADER(1, true),
    /** The request's timeout passed before it finished. A write may or may not have been applied. */
    TIMEOUT(2, true),
    /**
     * The node refuses more work for now (a queue or in-flight limit named in
     * {@link ErrorResponse#limitName()}). Nothing was proposed; retry after a backoff.
     */
    OVERLOADED(3, true),
    /**
     * The request itself is over a size limit named in {@link ErrorResponse#limitName()}
     * (e.g. maxKeyBytes). Nothing was written; sending it again fails again.
     */
    LIMIT_EXCEEDED(4, false),
    /**
     * The node proposed the write and then lost leadership before learning whether it committed
     * (§5.4: a new leader may or may not keep the entry). A write retried with the same session
     * sequence is applied at most once.
     */
    OUTCOME_UNKNOWN(5, true),
    /** The request is malformed or asks for something impossible (e.g. promote a non-learner). */
    BAD_REQUEST(6, false),
    /** A bug or a storage failure on the node; the message says which. */
    INTERNAL(7, false);

    /** Wire code, 1..255. */
    private final int code;
    /** True when sending the same request again (to the leader) can succeed. */
    private final boolean retryable;

    ErrorCode(int code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    /** The wire code, 1..255. */
    public int code() {
        return code;
    }

    /** True when sending the same request again, perhaps to another node, can succeed. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The error code with this wire code.
     *
     * @throws ProtocolException MALFORMED_BODY if no error has this code
     */
    public static ErrorCode fromCode(int code) throws ProtocolException {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, "error code " + code + " is not defined");
    }
}
