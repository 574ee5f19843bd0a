package io.raftkv.node.metrics;

/** The metrics port could not be served (e.g. its address is taken); the message says what to change. */
public final class MetricsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MetricsException(String message, Throwable cause) {
        super(message, cause);
    }
}
