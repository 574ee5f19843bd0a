package io.raftkv.jdbc.cluster;

import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.KvSqlException;
import io.raftkv.calcite.KvStore;
import io.raftkv.calcite.ReadConsistency;
import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.jdbc.RaftKvUrl;
import io.raftkv.jdbc.StoreConnector;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connects JDBC URLs to a real cluster with the Java client; registered as the driver's
 * {@link StoreConnector} service. The connection is checked once, by asking any listed node for
 * the cluster status, so a wrong URL fails at {@code getConnection} and not at the first query.
 */
public final class ClusterStoreConnector implements StoreConnector {

    private static final SharedClients CLIENTS = new SharedClients(ClusterStoreConnector::config);

    /** Used by {@link java.util.ServiceLoader}. */
    public ClusterStoreConnector() {
    }

    @Override
    public KvStore connect(RaftKvUrl url) throws SQLException {
        if (url.ssl()) {
            throw new SQLException("ssl=true is not supported yet: the node port speaks plaintext only", "08001");
        }
        if (url.password() != null && !url.password().isEmpty()) {
            throw new SQLException("password given, but nodes do not authenticate clients yet;"
                    + " connect without one", "28000");
        }
        List<String> seeds = url.hosts().stream().map(RaftKvUrl.HostPort::toString).toList();
        SharedClients.Key key = new SharedClients.Key(ClientConfig.DEFAULT_CLUSTER_ID, seeds, url.timeoutMs());
        ClusterKvStore store = new ClusterKvStore(CLIENTS.acquire(key));
        try {
            store.ping(CallOptions.within(ReadConsistency.STALE, url.timeoutMs(), new AtomicBoolean()));
            return store;
        } catch (KvSqlException e) {
            store.close();
            throw new SQLException("no raftkv node answered at " + String.join(",", seeds) + ": " + e.getMessage(),
                    "08001", e);
        }
    }

    private static ClientConfig config(SharedClients.Key key) {
        List<NodeAddress> nodes = key.seeds().stream().map(NodeAddress::parse).toList();
        return ClientConfig.builder(key.clusterId(), nodes)
                .clientName("raftkv-jdbc")
                .requestTimeout(Duration.ofMillis(key.timeoutMs()))
                .build();
    }
}
