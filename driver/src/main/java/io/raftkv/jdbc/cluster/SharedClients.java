package io.raftkv.jdbc.cluster;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.ClientTls;
import io.raftkv.client.api.Credentials;
import io.raftkv.client.api.RaftKvClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One Java client per cluster (its seed addresses and settings), shared by every JDBC connection
 * to that cluster and closed with the last of them: a client holds an event loop and a connection
 * per node, too much to pay per JDBC connection.
 *
 * <p>Thread-safe.
 */
final class SharedClients {

    /**
     * Which connections may share a client: same seeds, same cluster id, same timeouts, same TLS
     * setting (null: plaintext) and same credentials (null: none); a connection trusting another CA
     * must not reuse a client, and a connection must never reuse a client another user (or the
     * same user with another password) logged in with, since a client authenticates once per
     * node connection.
     */
    record Key(String clusterId, List<String> seeds, long timeoutMs, ClientTls tls, Credentials credentials) {
    }

    private final Map<Key, Entry> clients = new HashMap<>();
    private final Function<Key, ClientConfig> configs;

    SharedClients(Function<Key, ClientConfig> configs) {
        this.configs = configs;
    }

    /** A lease on the client for {@code key}, creating it if no connection holds one. */
    synchronized Lease acquire(Key key) {
        Entry entry = clients.get(key);
        if (entry == null) {
            entry = new Entry(RaftKvClient.create(configs.apply(key)));
            clients.put(key, entry);
        }
        entry.leases++;
        return new Lease(this, key, entry.client);
    }

    private synchronized void release(Key key, RaftKvClient client) {
        Entry entry = clients.get(key);
        if (entry == null || entry.client != client) {
            return;
        }
        if (--entry.leases == 0) {
            clients.remove(key);
            entry.client.close();
        }
    }

    private static final class Entry {
        final RaftKvClient client;
        /** Connections using {@link #client}; the client closes when this reaches 0. */
        int leases;

        Entry(RaftKvClient client) {
            this.client = client;
        }
    }

    /** One connection's use of a shared client. Closing it twice is harmless. */
    static final class Lease implements AutoCloseable {
        private final SharedClients owner;
        private final Key key;
        private final RaftKvClient client;
        private boolean closed;

        Lease(SharedClients owner, Key key, RaftKvClient client) {
            this.owner = owner;
            this.key = key;
            this.client = client;
        }

        RaftKvClient client() {
            return client;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                owner.release(key, client);
            }
        }
    }
}
