package io.raftkv.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.server.RaftServer;
import io.raftkv.node.server.ServerConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against one in-process node that accepts {@link #LIMIT} connections
 * (maxConnectionsPerNode): refused because the node is full, {@code getConnection} and a statement
 * that needs a new node connection fail with SQLState 53300 (too_many_connections, as PostgreSQL
 * says it, which pools key on), transient and naming the limit; once a connection closes, the same
 * URL connects and the same JDBC connection works again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitJdbcTest {

    /** Two, not one: a node closes connections past twice the limit at accept, without a refusal to read. */
    private static final int LIMIT = 2;
    /** Short, since every refused call lasts this long; the driver's client retries within it. */
    private static final long TIMEOUT_MS = 1000;

    private Path dir;
    private int port;
    private RaftServer server;
    /** Java clients holding the node's connection slots; each keeps its connection open with pings. */
    private final List<RaftKvClient> fillers = new ArrayList<>();

    @BeforeAll
    void startNode(@TempDir Path tmp) throws Exception {
        dir = tmp;
        port = FreePorts.one();
        server = RaftServer.start(config());
        fill(1); // waits until the node leads
        closeFillers();
    }

    @AfterEach
    void closeFillers() {
        fillers.forEach(RaftKvClient::close);
        fillers.clear();
    }

    @AfterAll
    void stopNode() {
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig config() {
        return ServerConfig.of("n1", ClientConfig.DEFAULT_CLUSTER_ID, dir.resolve("n1"),
                        Map.of("n1", new InetSocketAddress("127.0.0.1", port)), false)
                .withRaft(RaftConfig.defaults("n1").withTicks(10, 1)).withStorage(StorageConfig.forTests())
                .withAuth(AuthConfig.off()).withTickMillis(20)
                .withProtocolLimits(ProtocolLimits.DEFAULTS.withMaxConnectionsPerNode(LIMIT));
    }

    /** Opens {@code count} connections to the node with Java clients of their own. */
    private void fill(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            RaftKvClient filler = RaftKvClient.create(ClientConfig.builder(List.of(new NodeAddress("127.0.0.1", port)))
                    .requestTimeout(Duration.ofSeconds(30)).build());
            fillers.add(filler);
            filler.status();
        }
    }

    private String url() {
        return "jdbc:raftkv://127.0.0.1:" + port + "/?timeoutMs=" + TIMEOUT_MS;
    }

    private static String value(Statement s, String key) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM kv WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void when_the_node_holds_maxConnectionsPerNode_then_getConnection_fails_with_53300_until_one_closes()
            throws Exception {
        fill(LIMIT);

        assertThatThrownBy(() -> DriverManager.getConnection(url()))
                .isInstanceOfSatisfying(SQLTransientConnectionException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("53300"))
                .hasMessageContaining("maxConnectionsPerNode")
                .hasMessageContaining("node n1");

        fillers.remove(0).close();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            assertThat(value(s, "absent")).isNull();
        }
    }

    @Test
    void when_a_statement_needs_a_new_connection_to_a_full_node_then_it_fails_with_53300_and_the_connection_stays_usable()
            throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES ('limit/1', 'v')");
            // A restart drops every connection; the fillers reconnect first and take every slot.
            server.close();
            server = RaftServer.start(config());
            fill(LIMIT);

            assertThatThrownBy(() -> value(s, "limit/1"))
                    .isInstanceOfSatisfying(SQLTransientConnectionException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("53300"))
                    .hasMessageContaining("maxConnectionsPerNode");

            fillers.remove(0).close();
            assertThat(value(s, "limit/1")).isEqualTo("v");
        }
    }
}
