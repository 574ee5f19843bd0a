package io.raftkv.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.node.server.AdminMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The driver against three real node processes with authentication on (bootstrap user "admin"):
 * user and password from the URL or Properties, SQLState 28000 for wrong, missing or
 * rate-limited credentials, and a user added with {@code raftkv admin user add} on one node
 * logging in on every node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAuthJdbcTest {

    private static final String ADMIN_PASSWORD = "admin-pw-1";

    private NodeProcesses cluster;
    private Path dir;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        Path pw = Files.writeString(dir.resolve("admin.pw"), ADMIN_PASSWORD + "\n");
        cluster = NodeProcesses.startWithAuth(3, dir, "admin", pw);
        // The first statement waits for the election and the bootstrap user (REFUSED_NO_USERS_YET is retried).
        try (Connection c = DriverManager.getConnection(cluster.url() + "/?timeoutMs=60000&user=admin&password="
                + ADMIN_PASSWORD); Statement s = c.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES ('warmup', 'x')");
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String firstRow(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) + "=" + rs.getString(2) : null;
        }
    }

    @Test
    void when_the_url_carries_the_right_user_and_password_then_sql_works() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.url() + "/?timeoutMs=30000&user=admin&password="
                + ADMIN_PASSWORD); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO kv VALUES ('auth/1', 'a')")).isEqualTo(1);

            assertThat(firstRow(s, "SELECT key, value FROM kv WHERE key = 'auth/1'")).isEqualTo("auth/1=a");
        }
    }

    @Test
    void when_user_and_password_come_as_properties_then_sql_works() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.url() + "/?timeoutMs=30000", "admin", ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES ('auth/2', 'b')");

            assertThat(firstRow(s, "SELECT key, value FROM kv WHERE key = 'auth/2'")).isEqualTo("auth/2=b");
        }
    }

    @Test
    void when_the_password_is_wrong_then_connect_fails_with_28000() {
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.url() + "/?timeoutMs=30000", "admin", "nope"))
                .isInstanceOfSatisfying(SQLInvalidAuthorizationSpecException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("authentication failed").hasMessageContaining("wrong password");
    }

    @Test
    void when_no_credentials_are_given_then_connect_fails_with_28000() {
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.url() + "/?timeoutMs=30000"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("requires a user and password");
    }

    @Test
    void when_a_user_keeps_failing_then_it_is_rate_limited_with_28000_saying_so() {
        String oneNode = cluster.url(1) + "/?timeoutMs=30000";
        SQLException last = null;
        for (int i = 0; i < 6 && (last == null || !last.getMessage().contains("rate-limited")); i++) {
            try {
                DriverManager.getConnection(oneNode, "guesser", "guess-" + i).close();
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("28000");
                last = e;
            }
        }
        assertThat((Throwable) last).isNotNull();
        assertThat(last.getMessage()).contains("rate-limited", "REFUSED_TOO_MANY_ATTEMPTS");
    }

    @Test
    void when_admin_adds_a_user_on_one_node_then_it_logs_in_on_every_node() throws Exception {
        Path annPw = Files.writeString(dir.resolve("ann.pw"), "ann-secret\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new AdminMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--nodes", cluster.url(0).substring("jdbc:raftkv://".length()), "--user", "admin",
                        "--password-file", dir.resolve("admin.pw").toString(), "user", "add", "ann",
                        "--new-password-file", annPw.toString());
        assertThat(code).as(err.toString()).isZero();
        List<NodeAddress> nodes = List.of(0, 1, 2).stream()
                .map(i -> NodeAddress.parse(cluster.url(i).substring("jdbc:raftkv://".length()))).toList();
        try (RaftKvClient admin = RaftKvClient.create(ClientConfig.builder(nodes)
                .credentials("admin", ADMIN_PASSWORD).requestTimeout(Duration.ofSeconds(30)).build())) {
            assertThat(admin.listUsers()).containsExactly("admin", "ann");
            long leaderCommit = admin.status().commitIndex();
            for (NodeAddress node : nodes) {
                awaitApplied(admin, node, leaderCommit);
            }
        }
        for (int i = 0; i < 3; i++) {
            try (Connection c = DriverManager.getConnection(cluster.url(i) + "/?timeoutMs=30000", "ann", "ann-secret");
                 Statement s = c.createStatement()) {
                assertThat(firstRow(s, "SELECT key, value FROM kv WHERE key = 'warmup'")).isEqualTo("warmup=x");
            }
        }
    }

    /** Waits until {@code node} applied {@code index}, so a login there checks the replicated user. */
    private static void awaitApplied(RaftKvClient client, NodeAddress node, long index) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.status(node).appliedIndex() < index) {
            assertThat(System.nanoTime()).as(node + " did not apply index " + index).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void when_a_password_is_given_without_a_user_then_connect_fails_with_28000() {
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.url() + "/?timeoutMs=30000&password=x"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("without user");
    }

}
