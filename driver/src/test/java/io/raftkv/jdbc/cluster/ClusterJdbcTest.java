package io.raftkv.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a real three-node cluster, through java.sql only: the URL is all a program
 * gives, and any listed node is enough. {@link ClusterJdbcOverTlsTest} runs every test here again
 * against a cluster that speaks TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterJdbcTest {

    private NodeProcesses cluster;

    /** Starts the three nodes; a subclass may start them otherwise (e.g. with TLS). */
    NodeProcesses startNodes(Path dir) throws Exception {
        return NodeProcesses.start(3, dir);
    }

    /** URL options every connection adds before its timeout, each ending with '&'; none here. */
    String urlOptions() {
        return "";
    }

    /** The Java client's configuration for {@code node}; a subclass adds what its nodes need. */
    ClientConfig.Builder clientConfig(NodeAddress node) {
        return ClientConfig.builder(List.of(node));
    }

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = startNodes(dir);
        // The first write waits for the election; the client retries until its timeout.
        try (Connection c = DriverManager.getConnection(cluster.url() + "?" + urlOptions() + "timeoutMs=60000");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES ('warmup', 'x')");
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Connection connect(int... nodes) throws SQLException {
        return DriverManager.getConnection(cluster.url(nodes) + "?" + urlOptions() + "timeoutMs=30000");
    }

    @Test
    @DisplayName("INSERT of several rows is one atomic batch: one duplicate key writes nothing and fails with 23505")
    void multi_row_insert_is_atomic() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO kv VALUES ('atom/1', 'a'), ('atom/2', 'b')")).isEqualTo(2);
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO kv VALUES ('atom/3', 'c'), ('atom/1', 'again')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThat(rows(s, "SELECT key, value FROM kv WHERE key LIKE 'atom/%' ORDER BY key"))
                    .containsExactly("atom/1=a", "atom/2=b");
        }
    }

    @Test
    @DisplayName("a connection given only one node's address reads and writes as with all of them")
    void one_address_is_enough() throws Exception {
        for (int node = 0; node < 3; node++) {
            try (Connection c = connect(node); Statement s = c.createStatement()) {
                s.executeUpdate("UPSERT INTO kv VALUES ('single/" + node + "', 'v" + node + "')");
                assertThat(rows(s, "SELECT key, value FROM kv WHERE key = 'single/" + node + "'"))
                        .containsExactly("single/" + node + "=v" + node);
            }
        }
    }

    @Test
    @DisplayName("UPDATE and DELETE report the rows the state machine changed; range and reverse scans read them back")
    void update_delete_and_ranges() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    insert.setString(1, "range/" + i);
                    insert.setString(2, "v" + i);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1, 1, 1);
            }
            assertThat(s.executeUpdate("UPDATE kv SET value = 'new' WHERE key IN ('range/1', 'range/3', 'range/9')"))
                    .isEqualTo(2);
            assertThat(s.executeUpdate("DELETE FROM kv WHERE key = 'range/4'")).isEqualTo(1);
            assertThat(rows(s, "SELECT key, value FROM kv WHERE key >= 'range/1' AND key < 'range/9' ORDER BY key DESC"))
                    .containsExactly("range/3=new", "range/2=v2", "range/1=new");
        }
    }

    @Test
    @DisplayName("EXPLAIN shows a point read for key = and a bounded range for key ranges")
    void explain_shows_the_access() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(String.join("\n", rows(s, "EXPLAIN PLAN FOR SELECT * FROM kv WHERE key = 'a'"))).contains("point");
            assertThat(String.join("\n", rows(s, "EXPLAIN PLAN FOR SELECT * FROM kv WHERE key > 'a' AND key <= 'c'")))
                    .contains("range");
        }
    }

    @Test
    @DisplayName("a transaction whose read key another connection changes fails its commit with 40001 and writes nothing")
    void transaction_conflict_from_a_second_connection() throws Exception {
        try (Connection tx = connect(); Connection other = connect(1); Statement s = tx.createStatement();
             Statement o = other.createStatement()) {
            o.executeUpdate("UPSERT INTO kv VALUES ('tx/balance', '10')");
            tx.setAutoCommit(false);
            assertThat(rows(s, "SELECT key, value FROM kv WHERE key = 'tx/balance'")).containsExactly("tx/balance=10");
            s.executeUpdate("UPSERT INTO kv VALUES ('tx/balance', '11'), ('tx/log', 'added 1')");
            o.executeUpdate("UPDATE kv SET value = '20' WHERE key = 'tx/balance'");
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            tx.setAutoCommit(true);
            assertThat(rows(o, "SELECT key, value FROM kv WHERE key LIKE 'tx/%' ORDER BY key"))
                    .containsExactly("tx/balance=20");
        }
    }

    @Test
    @DisplayName("keys starting with U+0000 hold the nodes' own records: SELECT does not show them, writes to them fail with 22023")
    void reserved_keys_are_hidden_and_refused() throws Exception {
        // The nodes refuse client writes under "\0raftkv/" themselves; other U+0000 keys a Java client may write.
        byte[] zeroKey = "\0app/test".getBytes(StandardCharsets.UTF_8);
        try (RaftKvClient client = RaftKvClient.create(clientConfig(
                NodeAddress.parse(cluster.url(0).substring("jdbc:raftkv://".length()))).build())) {
            client.put(zeroKey, "app record".getBytes(StandardCharsets.UTF_8));
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, 'x')")) {
            assertThat(rows(s, "SELECT key, value FROM kv")).noneMatch(row -> row.startsWith("\0"));
            assertThat(rows(s, "SELECT key, value FROM kv WHERE key = U&'\\0000app/test'")).isEmpty();
            insert.setString(1, "\0raftkv/other");
            assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        }
    }

    @Test
    @DisplayName("the metadata calls DBeaver makes describe kv with its primary key")
    void metadata_for_sql_tools() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDatabaseProductName()).containsIgnoringCase("raftkv");
            assertThat(md.supportsTransactions()).isTrue();
            assertThat(c.getAutoCommit()).isTrue();
            List<String> found = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", null)) {
                while (rs.next()) {
                    found.add("table:" + rs.getString("TABLE_NAME"));
                }
            }
            try (ResultSet rs = md.getColumns(null, null, "kv", "%")) {
                while (rs.next()) {
                    found.add("column:" + rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
                }
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, "kv")) {
                while (rs.next()) {
                    found.add("pk:" + rs.getString("COLUMN_NAME") + ":" + rs.getShort("KEY_SEQ"));
                }
            }
            try (ResultSet rs = md.getTypeInfo()) {
                while (rs.next()) {
                    found.add("type:" + rs.getString("TYPE_NAME"));
                }
            }
            assertThat(found).contains("table:kv", "column:key:" + Types.VARCHAR, "column:value:" + Types.VARCHAR,
                    "pk:key:1", "type:VARCHAR");
        }
    }

    @Test
    @DisplayName("each class of error has its SQLState and the connection stays usable after it")
    void errors_have_sqlstates() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEKT * FROM kv"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("42"));
            assertThatThrownBy(() -> s.executeQuery("SELECT nosuchcolumn FROM kv"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("42"));
            try (PreparedStatement insert = c.prepareStatement("UPSERT INTO kv VALUES ('errors/big', ?)")) {
                insert.setString(1, "x".repeat(1024 * 1024 + 1));
                assertThatThrownBy(insert::executeUpdate)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("22"));
            }
            assertThat(s.executeUpdate("UPSERT INTO kv VALUES ('errors/after', 'still works')")).isEqualTo(1);
            assertThat(rows(s, "SELECT key, value FROM kv WHERE key LIKE 'errors/%'"))
                    .containsExactly("errors/after=still works");
        }
        int unused;
        try (ServerSocket free = new ServerSocket(0)) {
            unused = free.getLocalPort();
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:raftkv://127.0.0.1:" + unused + "?timeoutMs=2000"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.add(columns == 1 ? rs.getString(1) : rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }
}
