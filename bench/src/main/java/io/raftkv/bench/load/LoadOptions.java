package io.raftkv.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One benchmark point: what to run, with how many clients, for how long. Immutable, validated once.
 *
 * @param workload     what each operation does
 * @param clients      concurrent clients, each one thread issuing one operation at a time, 1..1024
 * @param warmup       time run but not measured, at least zero
 * @param duration     time measured, positive
 * @param rate         0 for closed loop (each client issues its next operation when the last answers);
 *                     else the total operations per second, spread evenly over the clients, latency
 *                     counted from each operation's intended start (no coordinated omission)
 * @param keys         the key space
 * @param preloadKeys  keys written before a read workload, at least 1
 * @param scanLength   keys per range scan, 1..10000
 */
public record LoadOptions(Workload workload, int clients, Duration warmup, Duration duration, double rate,
        KeySpace keys, long preloadKeys, int scanLength) {

    public static final int DEFAULT_KEY_SIZE = 16;
    public static final int DEFAULT_VALUE_SIZE = 256;
    public static final long DEFAULT_PRELOAD_KEYS = 10_000;
    public static final int DEFAULT_SCAN_LENGTH = 100;

    public LoadOptions {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(keys, "keys");
        if (clients < 1 || clients > 1024) {
            throw new IllegalArgumentException("clients must be in 1..1024, was " + clients);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative, was " + warmup);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be 0 (closed loop) or positive, was " + rate);
        }
        if (preloadKeys < 1) {
            throw new IllegalArgumentException("preload keys must be at least 1, was " + preloadKeys);
        }
        if (scanLength < 1 || scanLength > 10_000) {
            throw new IllegalArgumentException("scan length must be in 1..10000, was " + scanLength);
        }
    }

    /** True when clients issue operations back to back rather than at a fixed rate. */
    public boolean closedLoop() {
        return rate == 0;
    }

    /** The same point with another workload. */
    public LoadOptions withWorkload(Workload value) {
        return new LoadOptions(value, clients, warmup, duration, rate, keys, preloadKeys, scanLength);
    }

    /** The same point with another warm-up and measured duration. */
    public LoadOptions withTimes(Duration newWarmup, Duration newDuration) {
        return new LoadOptions(workload, clients, newWarmup, newDuration, rate, keys, preloadKeys, scanLength);
    }

    /** The same point with another client count. */
    public LoadOptions withClients(int value) {
        return new LoadOptions(workload, value, warmup, duration, rate, keys, preloadKeys, scanLength);
    }
}
