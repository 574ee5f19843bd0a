package io.raftkv.node.sim;

/**
 * A running 64-bit hash of everything a simulation run did (deliveries, faults, client events).
 * Two runs of one seed must end with the same value; that is how determinism is tested.
 *
 * <p>Not thread-safe.
 */
final class TraceHash {

    /** Starting value of every hash (the FNV-1a 64-bit offset basis). */
    static final long SEED = 0xcbf29ce484222325L;

    /** Current value; starts at {@link #SEED}. */
    private long value = SEED;

    /** Number of values folded in so far. */
    private long events;

    /** Folds {@code x} into the hash. */
    void add(long x) {
        value = mix(value, x);
        events++;
    }

    /** Folds a string (null-safe) into the hash. */
    void add(String s) {
        add(s == null ? 0x9E3779B97F4A7C15L : s.hashCode());
    }

    /** Current hash value. */
    long value() {
        return value;
    }

    /** Number of values folded in. */
    long events() {
        return events;
    }

    /** Mixes {@code x} into {@code h} (a SplitMix64 finaliser over h xor x). */
    static long mix(long h, long x) {
        long z = (h ^ x) * 0x100000001B3L + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
