package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
