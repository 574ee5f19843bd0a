package io.raftkv.client.api;

import io.raftkv.client.protocol.HandshakeOutcome;

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

    /**
     * True if the last try failed because its node refused the connection for holding
     * {@code maxConnectionsPerNode} connections ({@link HandshakeOutcome#REFUSED_CONNECTION_LIMIT}).
     * The cluster was reachable but full, so fewer connections per node help (a smaller pool,
     * clients sharing one {@link RaftKvClient}, more seeds to spread over) where a longer timeout
     * would not. Earlier tries may have failed otherwise; only the last one counts.
     */
    public boolean refusedForConnectionLimit() {
        return getCause() instanceof ConnectionLostException lost
                && lost.refusal() == HandshakeOutcome.REFUSED_CONNECTION_LIMIT;
    }
}
