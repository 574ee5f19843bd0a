package io.raftkv.client.api;

/**
 * Internal: one try got no answer within its share of the call's time (attemptTimeout). The
 * retry loop tries again, perhaps elsewhere; at the deadline it becomes the cause of the
 * public exception.
 */
final class AttemptTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    AttemptTimeoutException(String message) {
        super(message);
    }
}
