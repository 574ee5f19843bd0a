package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.metrics.PrometheusTextParser;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.node.transport.TlsConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three in-process nodes with mutual TLS between them elect a leader and replicate (seen on /metrics). */
class TlsClusterTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Map<String, Double> scrape(InetSocketAddress a) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort()
                + "/metrics")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return PrometheusTextParser.parse(r.body());
    }

    @Test
    void when_peers_speak_mutual_tls_then_they_elect_a_leader_and_replicate_its_entries() throws Exception {
        Path certs = dir.resolve("certs");
        Path script = Path.of(System.getProperty("user.dir")).resolveSibling("bin").resolve("make-certs");
        Process p = new ProcessBuilder(script.toString(), certs.toString(), "n1", "n2", "n3")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        Map<String, InetSocketAddress> members = new TreeMap<>();
        for (String id : List.of("n1", "n2", "n3")) {
            members.put(id, new InetSocketAddress("127.0.0.1", FreePorts.one()));
        }
        List<RaftServer> servers = new ArrayList<>();
        try {
            for (String id : members.keySet()) {
                servers.add(RaftServer.start(ServerConfig.of(id, "c1", dir.resolve(id), members, false)
                        .withRaft(RaftConfig.defaults(id).withTicks(10, 1)).withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off())
                        .withTickMillis(50).withMetricsPort(0)
                        .withTls(new TlsConfig(certs.resolve(id + ".pem"), certs.resolve(id + ".key"),
                                certs.resolve("ca.pem")))));
            }
            Eventually.await(Duration.ofSeconds(30), "one leader whose no-op every node applied", () -> {
                double leaders = 0;
                double leaderCommit = -1;
                double minApplied = Double.MAX_VALUE;
                for (RaftServer s : servers) {
                    Map<String, Double> m = scrape(s.metricsAddress());
                    if (m.get("raftkv_role{role=\"LEADER\"}") == 1.0) {
                        leaders++;
                        leaderCommit = m.get("raftkv_commit_index");
                    }
                    minApplied = Math.min(minApplied, m.get("raftkv_applied_index"));
                }
                return leaders == 1 && leaderCommit >= 1 && minApplied >= leaderCommit ? Boolean.TRUE : null;
            });
        } finally {
            servers.forEach(RaftServer::close);
        }
    }
}
