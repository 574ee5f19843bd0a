package io.raftkv.client.api;

import io.raftkv.client.protocol.HandshakeOutcome;

/**
 * Internal: one try failed because its connection failed. Never reaches the caller as such; the
 * retry loop turns it into a retry or, at the deadline, the cause of a public exception.
 */
final class ConnectionLostException extends Exception {

    private static final long serialVersionUID = 1L;

    /** True if the request may have reached the node (written, then the connection broke). */
    private final boolean maybeDelivered;
    /**
     * The node's handshake refusal if that is why there is no connection (one worth retrying:
     * {@link HandshakeOutcome#REFUSED_CONNECTION_LIMIT}), else null.
     */
    private final HandshakeOutcome refusal;

    ConnectionLostException(String message, boolean maybeDelivered, Throwable cause) {
        this(message, maybeDelivered, cause, null);
    }

    private ConnectionLostException(String message, boolean maybeDelivered, Throwable cause,
            HandshakeOutcome refusal) {
        super(message, cause);
        this.maybeDelivered = maybeDelivered;
        this.refusal = refusal;
    }

    /**
     * The node refused the handshake for a reason that may pass (it holds maxConnectionsPerNode
     * connections), so the retry loop tries again, perhaps on another node; nothing was sent.
     *
     * @param refusal the node's outcome, not ACCEPTED
     * @param message the node's address and detail
     */
    static ConnectionLostException refused(HandshakeOutcome refusal, String message) {
        return new ConnectionLostException(refusal + ": " + message, false, null, refusal);
    }

    /** True if the request may have reached the node. */
    boolean maybeDelivered() {
        return maybeDelivered;
    }

    /** The node's handshake refusal if that is why the connection failed, else null. */
    HandshakeOutcome refusal() {
        return refusal;
    }
}
