package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.testkit.ClasspathSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Java client and the admin CLI against real node processes, given only a follower's address. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowerAddressTest {

    @TempDir
    static Path dir;
    ProcessCluster cluster;
    String leader;
    String follower;

    @BeforeAll
    void start() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of());
        cluster.startAll();
        leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    @DisplayName("§5.1 a client given only one follower's address works as if it had the leader's")
    void when_client_knows_only_a_follower_then_writes_and_reads_work() throws Exception {
        ClientConfig config = ClientConfig.builder(ProcessCluster.CLUSTER_ID,
                List.of(NodeAddress.of(cluster.address(follower)))).requestTimeout(Duration.ofSeconds(20)).build();
        try (RaftKvClient client = RaftKvClient.create(config)) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.put(bytes("f" + i), bytes("v" + i)).result().applied()).isTrue();
            }
            assertThat(client.get(bytes("f7")).value()).isEqualTo(bytes("v7"));
            assertThat(client.get(bytes("f7"), ReadConsistency.LEASE).value()).isEqualTo(bytes("v7"));
            List<KeyValue> all = client.scanAll(Request.Scan.prefix(bytes("f"), 7, ReadConsistency.LINEARIZABLE));
            assertThat(all).hasSize(20);
            assertThat(all.get(0).key()).isEqualTo(bytes("f0"));
            ClusterStatus status = client.status();
            assertThat(status.nodeId()).isEqualTo(leader);
            assertThat(status.members()).hasSize(3);
            assertThat(client.believedLeader()).isEqualTo(NodeAddress.of(cluster.address(leader)));
        }
    }

    @Test
    @DisplayName("a follower serves a STALE read itself and redirects a LINEARIZABLE one (thesis §6.4)")
    void when_follower_asked_then_stale_served_and_linearizable_redirected() throws Exception {
        try (RawClient c = RawClient.open(cluster.address(follower), ProcessCluster.CLUSTER_ID)) {
            Response stale = c.call(new Request.Get(bytes("nothing"), ReadConsistency.STALE));
            assertThat(stale).isEqualTo(Response.GetResult.absent());
            Response lin = c.call(new Request.Get(bytes("nothing"), ReadConsistency.LINEARIZABLE));
            assertThat(lin).isInstanceOf(io.raftkv.client.rpc.ErrorResponse.class);
            io.raftkv.client.rpc.ErrorResponse e = (io.raftkv.client.rpc.ErrorResponse) lin;
            assertThat(e.leaderId()).isEqualTo(leader);
            assertThat(e.leaderAddress()).isEqualTo("127.0.0.1:" + cluster.address(leader).getPort());
        }
    }

    @Test
    void when_admin_status_runs_against_a_follower_then_every_member_is_listed_with_its_role() throws Exception {
        String out = admin("status");
        assertThat(out).contains("n1").contains("n2").contains("n3").contains("LEADER").contains("FOLLOWER");
        String members = admin("members");
        assertThat(members).contains(leader + " 127.0.0.1:" + cluster.address(leader).getPort() + " VOTER leader");
        assertThat(admin("snapshot")).contains("index");
    }

    private String admin(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", ClasspathSnapshot.ofThisJvm(), AdminMain.class.getName(),
                "--nodes", "127.0.0.1:" + cluster.address(follower).getPort(), "--cluster-id", ProcessCluster.CLUSTER_ID));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "admin", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            return text;
        } finally {
            p.destroyForcibly();
        }
    }
}
