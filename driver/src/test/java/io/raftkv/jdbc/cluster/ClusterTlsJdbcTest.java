package io.raftkv.jdbc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The driver with {@code ssl=true} against real node processes that speak TLS on their port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTlsJdbcTest {

    private NodeProcesses cluster;
    private Path certs;
    private Path otherCerts;

    @BeforeAll
    void startTlsCluster(@TempDir Path dir) throws Exception {
        certs = dir.resolve("certs");
        otherCerts = dir.resolve("other-certs");
        NodeProcesses.makeCerts(certs, "n1", "client:app");
        NodeProcesses.makeCerts(otherCerts, "n1");
        cluster = NodeProcesses.start(1, dir, certs);
        // The first write waits for the election; the client retries until its timeout.
        try (Connection c = DriverManager.getConnection(tlsUrl() + "&timeoutMs=60000");
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

    private String tlsUrl() {
        return cluster.url() + "/?ssl=true&sslCa=" + certs.resolve("ca.pem");
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void when_ssl_is_true_and_the_cluster_ca_trusted_then_insert_and_select_work() throws Exception {
        try (Connection c = DriverManager.getConnection(tlsUrl() + "&timeoutMs=30000");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO kv VALUES ('tls/1', 'a'), ('tls/2', 'b')")).isEqualTo(2);

            assertThat(rows(s, "SELECT key, value FROM kv WHERE key LIKE 'tls/%' ORDER BY key"))
                    .containsExactly("tls/1=a", "tls/2=b");
        }
    }

    @Test
    void when_a_client_certificate_is_given_then_mutual_tls_works() throws Exception {
        String url = tlsUrl() + "&timeoutMs=30000&sslCert=" + certs.resolve("client-app.pem") + "&sslKey="
                + certs.resolve("client-app.key");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPSERT INTO kv VALUES ('mtls/1', 'm')");

            assertThat(rows(s, "SELECT key, value FROM kv WHERE key = 'mtls/1'")).containsExactly("mtls/1=m");
        }
    }

    @Test
    void when_ssl_is_false_against_a_tls_node_then_connect_fails_with_08001() {
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.url() + "/?timeoutMs=1500"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"))
                .hasMessageContaining("TLS");
    }

    @Test
    void when_the_trusted_ca_is_another_then_connect_fails_at_once_with_08001_naming_the_tls_handshake() {
        String url = cluster.url() + "/?ssl=true&timeoutMs=20000&sslCa=" + otherCerts.resolve("ca.pem");
        long start = System.nanoTime();

        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("TLS handshake");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void when_the_ca_file_does_not_exist_then_connect_fails_with_08001_naming_it() {
        String url = cluster.url() + "/?ssl=true&sslCa=/nonexistent/ca.pem";

        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("/nonexistent/ca.pem");
    }
}
