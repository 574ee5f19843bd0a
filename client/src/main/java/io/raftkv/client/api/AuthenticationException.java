package io.raftkv.client.api;

import io.raftkv.client.protocol.AuthOutcome;

/**
 * A node refused the client's credentials: unknown user or wrong password
 * ({@link AuthOutcome#REFUSED_CREDENTIALS}), none given to a node that requires them
 * ({@link AuthOutcome#REFUSED_NO_CREDENTIALS}), or too many failed attempts from this address
 * ({@link AuthOutcome#REFUSED_TOO_MANY_ATTEMPTS}: wait, then fix the password). Not retried;
 * nothing was sent, so no write happened.
 */
public final class AuthenticationException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** Never null, never ACCEPTED. */
    private final AuthOutcome outcome;

    /**
     * @param outcome the refusal
     * @param message the node's address and detail
     */
    public AuthenticationException(AuthOutcome outcome, String message) {
        super(outcome + ": " + message, null);
        this.outcome = outcome;
    }

    /** Why the node refused. */
    public AuthOutcome outcome() {
        return outcome;
    }
}
