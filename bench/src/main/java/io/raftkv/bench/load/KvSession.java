package io.raftkv.bench.load;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The operations of one benchmark client. Each method blocks until the target answered and throws
 * on any failure (a timeout, a refused write, a missing key): the runner counts a throw as an
 * error and goes on. Used by one thread at a time.
 */
public interface KvSession extends AutoCloseable {

    /** Writes {@code value} under {@code key}, overwriting; returns once durably committed. */
    void put(byte[] key, byte[] value) throws Exception;

    /**
     * Writes a key known to be new. Targets that have an insert distinct from put (JDBC
     * {@code INSERT}) use it here; the default is {@link #put}.
     */
    default void insert(byte[] key, byte[] value) throws Exception {
        put(key, value);
    }

    /**
     * Writes {@code keys[i] = values[i]} for every i, overwriting; used only to preload the key
     * space, so it may be one atomic batch or one write per pair. The default writes one by one.
     *
     * @param keys   at most {@link LoadRunner#PRELOAD_BATCH} keys
     * @param values as many values as keys
     */
    default void putAll(List<byte[]> keys, List<byte[]> values) throws Exception {
        for (int i = 0; i < keys.size(); i++) {
            put(keys.get(i), values.get(i));
        }
    }

    /**
     * Reads {@code key}, which must exist.
     *
     * @param linearizable true for a linearizable read, false for a possibly stale one
     * @throws Exception also when the key is absent, since the runner only reads preloaded keys
     */
    void get(byte[] key, boolean linearizable) throws Exception;

    /**
     * Reads up to {@code limit} keys from {@code from} (inclusive) upward, linearizably.
     *
     * @return the number of entries read
     */
    int scan(byte[] from, int limit) throws Exception;

    /**
     * The same operations without blocking, for the runner's {@link LoadRunner.Driver#ASYNC}
     * driver; null (the default) when the target has no asynchronous API (JDBC), and then every
     * client gets a thread of its own. Each stage completes exceptionally where the blocking call
     * would throw (also for a missing key or a short scan).
     */
    default Async async() {
        return null;
    }

    /** Non-blocking forms of the operations above; callbacks may run on the target's I/O threads. */
    interface Async {

        /** As {@link KvSession#insert}. */
        CompletionStage<?> insert(byte[] key, byte[] value);

        /** As {@link KvSession#put}. */
        CompletionStage<?> put(byte[] key, byte[] value);

        /** As {@link KvSession#get}. */
        CompletionStage<?> get(byte[] key, boolean linearizable);

        /** As {@link KvSession#scan}: completes with the number of entries read. */
        CompletionStage<Integer> scan(byte[] from, int limit);
    }

    /** Ends the session; the target stays usable. */
    @Override
    void close() throws Exception;
}
