package io.raftkv.node.transport;

/** The transport could not start or was used after it closed; the message says what to change. */
public final class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to do, e.g. the address that could not be bound */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
