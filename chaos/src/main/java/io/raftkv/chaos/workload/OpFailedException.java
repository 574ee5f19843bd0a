package io.raftkv.chaos.workload;

/**
 * A {@link KvClient} call did not get an answer from the store.
 *
 * <p>{@link #definite()} is true when the operation certainly did not take effect (rejected
 * before it was proposed, or a read); false when it may have, now or later.
 */
public final class OpFailedException extends Exception {

    private final boolean definite;

    /** @param definite true if the operation certainly had no effect */
    public OpFailedException(boolean definite, String message, Throwable cause) {
        super(message, cause);
        this.definite = definite;
    }

    /** True if the operation certainly had no effect. */
    public boolean definite() {
        return definite;
    }
}
