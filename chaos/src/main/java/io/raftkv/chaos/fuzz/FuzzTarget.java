package io.raftkv.chaos.fuzz;

/**
 * One thing the fuzzer feeds with mutated input: a codec, a live node's socket or the SQL
 * driver. A try is fully determined by its seed, so a failure is replayed by running the same
 * target with the same seed.
 */
public sealed interface FuzzTarget extends AutoCloseable permits CodecTarget, LiveTarget, SqlTarget {

    /** A short stable name, e.g. {@code codec/RequestCodec}; used by {@code --targets}. */
    String name();

    /**
     * Runs one try derived from {@code seed}. Caller's thread; blocks for as long as the try
     * takes (microseconds for a codec, milliseconds for a live node or SQL).
     *
     * @throws FuzzFailure if the input provoked anything but a documented, typed refusal
     */
    void tryOnce(long seed) throws FuzzFailure;

    /** Releases what the target started (nodes, connections); idempotent. */
    @Override
    default void close() {
    }
}
