package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code raftkv node --max-connections N}: a real node process holding N connections refuses the next. */
class MaxConnectionsOptionTest {

    @TempDir
    Path dir;

    @Test
    void when_a_node_process_holds_max_connections_then_the_next_handshake_is_refused_naming_the_limit()
            throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir, 1, List.of("--max-connections", "2"))) {
            cluster.startAll();
            cluster.awaitLeader(List.of("n1"), Duration.ofSeconds(30));
            try (RawClient first = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID);
                    RawClient second = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
                assertThatThrownBy(() -> RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("REFUSED_CONNECTION_LIMIT")
                        .hasMessageContaining("maxConnectionsPerNode");
            }
            // both slots free again: a new client gets in
            Eventually.await(Duration.ofSeconds(10), "a slot freed after the clients closed", () -> {
                try (RawClient again = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
                    return again;
                } catch (IOException e) {
                    return null;
                }
            });
        }
    }

    @Test
    void when_max_connections_is_below_one_then_the_node_refuses_to_start_and_names_the_option() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NodeMain()).setErr(new PrintWriter(err));
        int code = cmd.execute("--id", "n1", "--data-dir", dir.resolve("n1").toString(), "--cluster",
                "n1=127.0.0.1:1", "--auth", "off", "--max-connections", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--max-connections must be at least 1, was 0");
        assertThat(dir.resolve("n1")).doesNotExist();
    }
}
