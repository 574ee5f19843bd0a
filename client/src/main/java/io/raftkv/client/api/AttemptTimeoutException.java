package io.raftkv.client.api;

/**
 * Internal: one try got no answer within its share of the call's time (attemptTimeout). The
 * retry loop tries again, perhaps elsewhere; at the deadline it becomes the cause of the
 * public exception.
 */
final class AttemptTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    /** True if the request had been handed to a connection when the time ran out. */
    private final boolean sent;

    AttemptTimeoutException(String message, boolean sent) {
        super(message);
        this.sent = sent;
    }

    /** True if the request had been handed to a connection (it may have reached the node). */
    boolean sent() {
        return sent;
    }
}
