package io.raftkv.jdbc.cluster;

import io.raftkv.calcite.AuthenticationFailedException;
import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.KvSqlException;
import io.raftkv.calcite.KvStore;
import io.raftkv.calcite.ReadConsistency;
import io.raftkv.calcite.TooManyConnectionsException;
import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.ClientTls;
import io.raftkv.client.api.Credentials;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.jdbc.RaftKvUrl;
import io.raftkv.jdbc.StoreConnector;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTransientConnectionException;
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
        List<String> seeds = url.hosts().stream().map(RaftKvUrl.HostPort::toString).toList();
        SharedClients.Key key = new SharedClients.Key(ClientConfig.DEFAULT_CLUSTER_ID, seeds, url.timeoutMs(), tls(url),
                credentials(url));
        SharedClients.Lease lease;
        try {
            lease = CLIENTS.acquire(key);
        } catch (IllegalArgumentException e) {
            throw new SQLException("cannot set up TLS for " + String.join(",", seeds) + ": " + e.getMessage(), "08001",
                    e);
        }
        ClusterKvStore store = new ClusterKvStore(lease);
        try {
            store.ping(CallOptions.within(ReadConsistency.STALE, url.timeoutMs(), new AtomicBoolean()));
            return store;
        } catch (KvSqlException e) {
            store.close();
            if (e instanceof AuthenticationFailedException refused) {
                throw new SQLInvalidAuthorizationSpecException(refused.getMessage(), refused.sqlState(), refused);
            }
            if (e instanceof TooManyConnectionsException full) {
                // Transient, and not 08001: the cluster answered, it is full; a pool should back off, not give up.
                throw new SQLTransientConnectionException("no raftkv node at " + String.join(",", seeds)
                        + " accepted a new connection: " + full.getMessage(), full.sqlState(), full);
            }
            String hint = url.ssl() ? "" : " (a node with TLS on closes plaintext connections: if the nodes run with"
                    + " --tls-*, add ssl=true&sslCa=<their CA PEM>)";
            throw new SQLException("no raftkv node answered at " + String.join(",", seeds) + ": " + e.getMessage()
                    + hint, "08001", e);
        }
    }

    /**
     * The user and password of {@code url} (from the URL or the connection Properties), or null
     * for none.
     *
     * @throws SQLException 28000 if a password comes without a user or a value is too long
     */
    private static Credentials credentials(RaftKvUrl url) throws SQLException {
        boolean hasUser = url.user() != null && !url.user().isEmpty();
        boolean hasPassword = url.password() != null && !url.password().isEmpty();
        if (!hasUser) {
            if (hasPassword) {
                throw new SQLInvalidAuthorizationSpecException("password given without user; give both"
                        + " (user=...&password=...)", AuthenticationFailedException.SQL_STATE);
            }
            return null;
        }
        try {
            return Credentials.of(url.user(), url.password() == null ? "" : url.password());
        } catch (IllegalArgumentException e) {
            throw new SQLInvalidAuthorizationSpecException("bad credentials: " + e.getMessage(),
                    AuthenticationFailedException.SQL_STATE, e);
        }
    }

    /**
     * The client TLS setting of {@code url}: null without ssl=true.
     *
     * @throws SQLException 08001 naming the file if one is missing or unreadable
     */
    private static ClientTls tls(RaftKvUrl url) throws SQLException {
        if (!url.ssl()) {
            return null;
        }
        try {
            ClientTls tls = url.sslCa() != null ? ClientTls.trustingCa(Path.of(url.sslCa()))
                    : url.trustStore() != null ? ClientTls.trustStore(Path.of(url.trustStore()), url.trustStorePassword())
                    : ClientTls.jvmDefaultTrust();
            return url.sslCert() == null ? tls : tls.withClientCertificate(Path.of(url.sslCert()), Path.of(url.sslKey()));
        } catch (IllegalArgumentException e) {
            throw new SQLException("bad TLS options: " + e.getMessage(), "08001", e);
        }
    }

    private static ClientConfig config(SharedClients.Key key) {
        List<NodeAddress> nodes = key.seeds().stream().map(NodeAddress::parse).toList();
        return ClientConfig.builder(key.clusterId(), nodes)
                .clientName("raftkv-jdbc")
                .requestTimeout(Duration.ofMillis(key.timeoutMs()))
                .tls(key.tls())
                .credentials(key.credentials())
                .build();
    }
}
