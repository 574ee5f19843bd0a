package io.raftkv.client.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: try n waits a random time in [d/2, d] where
 * d = min(max, min * 2^n), so clients that failed together do not retry together.
 *
 * @param min first delay, positive
 * @param max largest delay, at least {@code min}
 */
record Backoff(Duration min, Duration max) {

    /** The wait in nanoseconds before try {@code attempt} (0 = the first retry). */
    long delayNanos(int attempt) {
        long base = min.toNanos() << Math.min(attempt, 20);
        long capped = Math.min(base <= 0 ? max.toNanos() : base, max.toNanos());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
