package io.raftkv.client.api;

/**
 * The client was closed before the call finished, or the call was made after close. For a write
 * that was already sent, whether it applied is unknown (as for {@link OutcomeUnknownException}).
 */
public final class ClientClosedException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** @param message what was interrupted */
    public ClientClosedException(String message) {
        super(message, null);
    }
}
