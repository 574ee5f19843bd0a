package io.raftkv.node.check;

import java.time.Duration;

/**
 * How much search the checker may spend on each key before answering {@link Verdict#UNKNOWN}.
 * A step is one visit of a call or return entry by the search; expect several million per second
 * (about 5 million on a loaded 2-core CI machine). A step budget alone gives the same answer on
 * every run; a time budget bounds CI time.
 *
 * @param maxStepsPerKey at least 1
 * @param maxNanosPerKey at least 1; {@link Long#MAX_VALUE} means no time limit
 */
public record Budget(long maxStepsPerKey, long maxNanosPerKey) {

    /** 20 million steps or 60 seconds per key, whichever runs out first. */
    public static final Budget DEFAULT = of(20_000_000L, Duration.ofSeconds(60));

    /**
     * @throws IllegalArgumentException if a limit is below 1
     */
    public Budget {
        if (maxStepsPerKey < 1 || maxNanosPerKey < 1) {
            throw new IllegalArgumentException("budget limits must be at least 1, got "
                    + maxStepsPerKey + " steps and " + maxNanosPerKey + " ns per key");
        }
    }

    /** A deterministic budget: at most {@code maxStepsPerKey} steps per key, no time limit. */
    public static Budget steps(long maxStepsPerKey) {
        return new Budget(maxStepsPerKey, Long.MAX_VALUE);
    }

    /** At most {@code maxStepsPerKey} steps and {@code maxTimePerKey} (positive) per key. */
    public static Budget of(long maxStepsPerKey, Duration maxTimePerKey) {
        long nanos;
        try {
            nanos = maxTimePerKey.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return new Budget(maxStepsPerKey, nanos);
    }
}
