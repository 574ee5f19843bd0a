package io.raftkv.client.api;

/**
 * Internal: a connection already has maxInFlightPerConnection requests unanswered, so this try
 * was not sent. The retry loop backs off and tries again; at the deadline it becomes the cause of
 * a {@link RequestTimeoutException}.
 */
final class InFlightLimitException extends Exception {

    private static final long serialVersionUID = 1L;

    InFlightLimitException(String message) {
        super(message);
    }
}
