package io.raftkv.client.api;

/**
 * The client cannot tell whether a write (or membership change) was applied: it was sent, and
 * then the connection broke, the node answered OUTCOME_UNKNOWN or TIMEOUT, or no answer came,
 * and retries found no answer before the call's timeout. Applied at most once either way: every
 * retry carried the same session sequence. Read the key to find out, or send the write again as
 * a new call (a new sequence, so it may then apply twice unless it is idempotent or conditional).
 */
public final class OutcomeUnknownException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** @param message what was sent where, and the last thing seen; cause: the last failure */
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
