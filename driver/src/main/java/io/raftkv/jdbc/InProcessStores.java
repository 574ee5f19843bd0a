package io.raftkv.jdbc;

import io.raftkv.calcite.KvStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST ONLY: stores living in this JVM, reached by the URL option {@code inProcessStore=name}
 * instead of the network (e.g. {@code jdbc:raftkv://localhost:1/?inProcessStore=t1}). Tests
 * register a store over real JE storage; connections do not close it. Not for production: nothing
 * is replicated. Thread-safe.
 */
public final class InProcessStores {

    private static final Map<String, KvStore> STORES = new ConcurrentHashMap<>();

    /** Handle of one registration; closing it unregisters the store. */
    public interface Registration extends AutoCloseable {
        /** Unregisters the store (if still registered under the name); never throws. */
        @Override
        void close();
    }

    private InProcessStores() {
    }

    /**
     * Makes {@code store} reachable under {@code name}, replacing any earlier one.
     *
     * @return a handle that unregisters it when closed
     */
    public static Registration register(String name, KvStore store) {
        Objects.requireNonNull(name, "name");
        STORES.put(name, Objects.requireNonNull(store, "store"));
        return () -> STORES.remove(name, store);
    }

    /** The store registered under {@code name}, or null. */
    static KvStore lookup(String name) {
        return STORES.get(name);
    }
}
