package io.raftkv.node.check;

import java.time.Duration;

/**
 * How much search the checker may spend on each key before answering {@link Verdict#UNKNOWN}.
 *
 * <p>A step is one visit of a call or return entry by the search; expect several million per
 * second (about 5 million on a loaded 2-core CI machine). A step budget alone gives the same answer
 * on every run; a time budget bounds CI time. The memo, which remembers explored configurations,
 * costs about 100 bytes per entry for a key of 200 operations and 250 bytes at 1,000 operations;
 * its cap bounds heap use.
 *
 * @param maxStepsPerKey at least 1
 * @param maxNanosPerKey at least 1; {@link Long#MAX_VALUE} means no time limit
 * @param maxMemoEntriesPerKey at least 1
 */
public record Budget(long maxStepsPerKey, long maxNanosPerKey, long maxMemoEntriesPerKey) {

    /** The memo cap the factories use: 2 million entries, a few hundred MiB at worst. */
    public static final long DEFAULT_MEMO_ENTRIES = 2_000_000L;

    /** 20 million steps, 60 seconds or {@link #DEFAULT_MEMO_ENTRIES} per key, whichever runs out first. */
    public static final Budget DEFAULT = of(20_000_000L, Duration.ofSeconds(60));

    /**
     * @throws IllegalArgumentException if a limit is below 1
     */
    public Budget {
        if (maxStepsPerKey < 1 || maxNanosPerKey < 1 || maxMemoEntriesPerKey < 1) {
            throw new IllegalArgumentException("budget limits must be at least 1, got " + maxStepsPerKey
                    + " steps, " + maxNanosPerKey + " ns and " + maxMemoEntriesPerKey + " memo entries per key");
        }
    }

    /**
     * A deterministic budget: at most {@code maxStepsPerKey} steps and {@link #DEFAULT_MEMO_ENTRIES}
     * per key, no time limit.
     */
    public static Budget steps(long maxStepsPerKey) {
        return new Budget(maxStepsPerKey, Long.MAX_VALUE, DEFAULT_MEMO_ENTRIES);
    }

    /**
     * At most {@code maxStepsPerKey} steps, {@code maxTimePerKey} (positive) and
     * {@link #DEFAULT_MEMO_ENTRIES} per key.
     */
    public static Budget of(long maxStepsPerKey, Duration maxTimePerKey) {
        long nanos;
        try {
            nanos = maxTimePerKey.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return new Budget(maxStepsPerKey, nanos, DEFAULT_MEMO_ENTRIES);
    }

    /** This budget with another memo cap (at least 1). */
    public Budget withMaxMemoEntriesPerKey(long maxMemoEntries) {
        return new Budget(maxStepsPerKey, maxNanosPerKey, maxMemoEntries);
    }
}
