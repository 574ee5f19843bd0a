package io.raftkv.node.raft;

/**
 * Base of the typed refusals of the Raft core. Each subclass says what the caller should do:
 * redirect, retry later, shrink the request. Nothing was appended when one is thrown.
 */
public abstract class RaftException extends RuntimeException {

    protected RaftException(String message) {
        super(message);
    }
}
