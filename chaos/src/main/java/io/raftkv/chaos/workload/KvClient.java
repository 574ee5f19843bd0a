package io.raftkv.chaos.workload;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a chaos worker asks of the store, whatever the road (Java client, JDBC). Values are
 * strings; null stands for an absent key.
 *
 * <p>Every method blocks the calling thread until the store answers or the client gives up, and
 * fails with {@link OpFailedException}: {@link OpFailedException#definite()} when the operation
 * certainly did not take effect, otherwise its effect is unknown. One worker thread per
 * instance; instances need not be thread-safe.
 */
public interface KvClient extends AutoCloseable {

    /** A linearizable read: the value, or null if absent. */
    String get(String key) throws OpFailedException, InterruptedException;

    /** Sets a value unconditionally. */
    void put(String key, String value) throws OpFailedException, InterruptedException;

    /** Sets {@code value} if the key holds {@code expected} (not null); true if it did. */
    boolean cas(String key, String expected, String value) throws OpFailedException, InterruptedException;

    /** Removes a key; true if it existed. */
    boolean delete(String key) throws OpFailedException, InterruptedException;

    /** Sets a value if the key is absent; true if it did. */
    boolean insert(String key, String value) throws OpFailedException, InterruptedException;

    /** Writes every entry in one atomic batch. */
    void putAll(Map<String, String> entries) throws OpFailedException, InterruptedException;

    /**
     * One atomic transaction: if every key holds {@code expected}, sets them all to {@code value};
     * true if it did, false (nothing written) otherwise.
     */
    boolean casAll(List<String> keys, String expected, String value) throws OpFailedException, InterruptedException;

    /** Deletes every key in one atomic batch. */
    void deleteAll(List<String> keys) throws OpFailedException, InterruptedException;

    /**
     * Every key under {@code prefix} with its value. With {@code onePage} the read is one
     * linearizable read of at most {@code limit} keys (a consistent cut); otherwise it follows
     * pages, each linearizable on its own.
     */
    SortedMap<String, String> scan(String prefix, int limit, boolean onePage)
            throws OpFailedException, InterruptedException;

    /** Releases connections and threads. */
    @Override
    void close();
}
