package io.raftkv.client.api;

import io.raftkv.client.rpc.ErrorCode;

/**
 * A node refused the request for a reason that retrying cannot fix: it is malformed or
 * impossible ({@link ErrorCode#BAD_REQUEST}), over a size limit ({@link ErrorCode#LIMIT_EXCEEDED},
 * {@link #limitName()} says which), or the node failed ({@link ErrorCode#INTERNAL}). Nothing was
 * written by this request. Also thrown, before anything is sent, for a command over the
 * client-side limits.
 */
public final class RequestFailedException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** Never null. */
    private final ErrorCode code;
    /** The limit's configuration name for LIMIT_EXCEEDED, else empty; never null. */
    private final String limitName;

    /**
     * @param code      the node's error code
     * @param limitName the exceeded limit's name, or empty
     * @param message   the node's message, prefixed with the node's address
     */
    public RequestFailedException(ErrorCode code, String limitName, String message) {
        super(code + (limitName.isEmpty() ? "" : " (" + limitName + ")") + ": " + message, null);
        this.code = code;
        this.limitName = limitName;
    }

    /** What the node answered. */
    public ErrorCode code() {
        return code;
    }

    /** The exceeded limit, e.g. {@code maxKeyBytes}, for LIMIT_EXCEEDED; empty otherwise. */
    public String limitName() {
        return limitName;
    }
}
