package io.raftkv.client.api;

import io.raftkv.client.protocol.HandshakeOutcome;

/**
 * A node refused the connection for a reason that no retry fixes: it belongs to another cluster
 * ({@link HandshakeOutcome#REFUSED_CLUSTER_ID}: check the client's clusterId and seeds) or speaks
 * another protocol version ({@link HandshakeOutcome#REFUSED_VERSION}: upgrade the client or the
 * node). Nothing was sent.
 */
public final class HandshakeRefusedException extends RaftKvClientException {

    private static final long serialVersionUID = 1L;

    /** Never null, never ACCEPTED. */
    private final HandshakeOutcome outcome;

    /**
     * @param outcome the refusal
     * @param message the node's address and detail
     */
    public HandshakeRefusedException(HandshakeOutcome outcome, String message) {
        super(outcome + ": " + message, null);
        this.outcome = outcome;
    }

    /** Why the node refused. */
    public HandshakeOutcome outcome() {
        return outcome;
    }
}
