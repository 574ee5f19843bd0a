package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.metrics.PrometheusTextParser;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real in-process node with its metrics port on: the figures move as it works. */
class MetricsEndpointTest {

    private static final int WRITES = 40;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(InetSocketAddress a, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Double> scrape(InetSocketAddress a) throws Exception {
        HttpResponse<String> r = get(a, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusTextParser.parse(r.body());
    }

    @Test
    void when_a_node_commits_writes_and_reads_then_its_metrics_move() throws Exception {
        int port = FreePorts.one();
        ServerConfig config = ServerConfig.of("n1", "c1", dir.resolve("n1"),
                Map.of("n1", new InetSocketAddress("127.0.0.1", port)), false)
                .withRaft(RaftConfig.defaults("n1").withTicks(10, 1)).withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off())
                .withTickMillis(20).withMetricsPort(0);
        try (RaftServer server = RaftServer.start(config); RawClient c = RawClient.open(server.address(), "c1")) {
            InetSocketAddress m = server.metricsAddress();
            assertThat(m.getPort()).isPositive();
            Map<String, Double> before = Eventually.await(Duration.ofSeconds(20), "the node to lead", () -> {
                Map<String, Double> s = scrape(m);
                return s.get("raftkv_role{role=\"LEADER\"}") == 1.0 && s.get("raftkv_applied_index") >= 1 ? s : null;
            });
            HttpResponse<String> health = get(m, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"role\":\"LEADER\"", "\"node\":\"n1\"");

            List<Request> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                writes.add(new Request.Write(Command.of(Put.of(bytes("k" + i), bytes("v" + i)))));
            }
            for (Response r : c.pipeline(writes)) {
                assertThat(r).isInstanceOf(Response.WriteResult.class);
            }
            assertThat(c.call(new Request.Get(bytes("k0"), ReadConsistency.LINEARIZABLE)))
                    .isInstanceOf(Response.GetResult.class);

            Map<String, Double> after = Eventually.await(Duration.ofSeconds(10), "the writes to show", () -> {
                Map<String, Double> s = scrape(m);
                return s.get("raftkv_applied_index") > before.get("raftkv_applied_index")
                        && s.get("raftkv_applied_index").equals(s.get("raftkv_commit_index")) ? s : null;
            });
            // pipelined writes may share entries (command groups): the indexes move by entries, not writes
            double entries = after.get("raftkv_applied_index") - before.get("raftkv_applied_index");
            double grouped = after.get("raftkv_grouped_writes_total") - before.get("raftkv_grouped_writes_total");
            double groups = after.get("raftkv_write_groups_total") - before.get("raftkv_write_groups_total");
            assertThat(entries).as("one entry per lone write and one per group").isEqualTo(WRITES - grouped + groups);
            assertThat(after.get("raftkv_proposals_total")).isEqualTo(before.get("raftkv_proposals_total") + WRITES);
            assertThat(after.get("raftkv_fsync_seconds_count")).isGreaterThan(before.get("raftkv_fsync_seconds_count"));
            assertThat(after.get("raftkv_je_log_fsyncs")).isGreaterThan(before.get("raftkv_je_log_fsyncs"));
            assertThat(after.get("raftkv_fsync_seconds_sum")).isPositive();
            assertThat(after.get("raftkv_read_index_seconds_count")).isEqualTo(before.get("raftkv_read_index_seconds_count") + 1);
            assertThat(after.get("raftkv_client_requests_total{type=\"Write\"}")).isEqualTo(WRITES);
            assertThat(after.get("raftkv_client_requests_total{type=\"Get\"}")).isEqualTo(1.0);
            assertThat(after.get("raftkv_term")).isGreaterThanOrEqualTo(1.0);
            assertThat(after.get("raftkv_apply_lag_entries")).isGreaterThanOrEqualTo(0.0);
        }
    }
}
