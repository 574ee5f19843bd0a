package io.raftkv.calcite;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What goes with every {@link KvStore} call: the read consistency, the deadline and a cancel flag.
 *
 * @param consistency    how fresh reads must be; ignored by writes (always committed through the log)
 * @param deadlineNanos  {@link System#nanoTime()} value after which the call fails with
 *                       {@link StoreTimeoutException}
 * @param cancelled      set by {@code Statement.cancel()}; the store checks it between round trips
 */
public record CallOptions(ReadConsistency consistency, long deadlineNanos, AtomicBoolean cancelled) {

    public CallOptions {
        Objects.requireNonNull(consistency, "consistency");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Options whose deadline is {@code timeoutMillis} from now; {@code timeoutMillis} at least 1. */
    public static CallOptions within(ReadConsistency consistency, long timeoutMillis, AtomicBoolean cancelled) {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be at least 1, was " + timeoutMillis);
        }
        return new CallOptions(consistency, System.nanoTime() + timeoutMillis * 1_000_000L, cancelled);
    }

    /** Nanoseconds left before the deadline; zero or negative once it passed. */
    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    /**
     * Throws if the call was cancelled or its deadline passed; stores call it between round trips.
     *
     * @throws StatementCancelledException if cancelled
     * @throws StoreTimeoutException       if the deadline passed
     */
    public void checkLive() {
        if (cancelled.get()) {
            throw new StatementCancelledException();
        }
        if (remainingNanos() <= 0) {
            throw new StoreTimeoutException("the statement's deadline passed; raise timeoutMs or setQueryTimeout");
        }
    }
}
