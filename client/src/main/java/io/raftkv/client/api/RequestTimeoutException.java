package io.raftkv.client.api;

/**
 * The call's timeout passed without a result, and nothing was written: the call was a read, or
 * a write that no node had received (no leader found, every node unreachable or refusing for
 * load). The message names the last failure and the cause is it; retrying later is safe.
 */
public final class RequestTimeoutException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** @param message how long, how many tries, the last failure; cause: the last failure, may be null */
    public RequestTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
