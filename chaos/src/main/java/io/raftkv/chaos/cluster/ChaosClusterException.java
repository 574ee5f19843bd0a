package io.raftkv.chaos.cluster;

/** The test cluster could not do what the nemesis asked (start, signal, reach a node); the message says what. */
public final class ChaosClusterException extends RuntimeException {

    public ChaosClusterException(String message) {
        super(message);
    }

    public ChaosClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
