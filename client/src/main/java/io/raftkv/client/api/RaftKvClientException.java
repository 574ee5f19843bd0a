package io.raftkv.client.api;

/**
 * Why a {@link RaftKvClient} call did not produce a result. Unchecked so that it can complete a
 * CompletableFuture as is; the blocking methods throw exactly these, never a wrapper. Each
 * subtype says whether a write may have happened.
 */
public abstract sealed class RaftKvClientException extends RuntimeException
        permits OutcomeUnknownException, RequestTimeoutException, RequestFailedException, HandshakeRefusedException,
                TlsHandshakeException, AuthenticationException, ClientClosedException {

    private static final long serialVersionUID = 1L;

    RaftKvClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
