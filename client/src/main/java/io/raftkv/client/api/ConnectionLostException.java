package io.raftkv.client.api;

/**
 * Internal: one try failed because its connection failed. Never reaches the caller as such; the
 * retry loop turns it into a retry or, at the deadline, the cause of a public exception.
 */
final class ConnectionLostException extends Exception {

    private static final long serialVersionUID = 1L;

    /** True if the request may have reached the node (written, then the connection broke). */
    private final boolean maybeDelivered;

    ConnectionLostException(String message, boolean maybeDelivered, Throwable cause) {
        super(message, cause);
        this.maybeDelivered = maybeDelivered;
    }

    /** True if the request may have reached the node. */
    boolean maybeDelivered() {
        return maybeDelivered;
    }
}
