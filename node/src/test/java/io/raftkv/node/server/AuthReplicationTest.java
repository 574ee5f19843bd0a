package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.auth.BootstrapUser;
import io.raftkv.node.metrics.Counter;
import io.raftkv.node.metrics.Metric;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users are replicated data: a user added on the leader logs in on a node that caught up through
 * InstallSnapshot (its log was compacted away) and on a node after its restart. In-process nodes
 * over real sockets, authentication on.
 */
class AuthReplicationTest {

    @TempDir
    Path dir;
    private final Map<String, InetSocketAddress> members = new TreeMap<>();
    private final Map<String, RaftServer> servers = new TreeMap<>();

    @AfterEach
    void stop() {
        servers.values().forEach(RaftServer::close);
    }

    private RaftServer start(String id) {
        AuthConfig auth = AuthConfig.required().withIterations(1000)
                .withBootstrap(new BootstrapUser("admin", "admin-pw".getBytes(StandardCharsets.UTF_8)));
        RaftServer s = RaftServer.start(ServerConfig.of(id, "c1", dir.resolve(id), members, false)
                .withRaft(RaftConfig.defaults(id).withTicks(10, 1).withSnapshots(100_000, 10))
                .withStorage(StorageConfig.forTests()).withTickMillis(20).withAuth(auth));
        servers.put(id, s);
        return s;
    }

    private NodeAddress address(String id) {
        return NodeAddress.of(members.get(id));
    }

    private RaftKvClient login(String user, String password, String... ids) {
        List<NodeAddress> seeds = java.util.Arrays.stream(ids).map(this::address).toList();
        return RaftKvClient.create(ClientConfig.builder("c1", seeds).credentials(user, password)
                .requestTimeout(Duration.ofSeconds(30)).build());
    }

    private static long snapshotBytesReceived(RaftServer s) {
        for (Metric m : s.metricsRegistry().metrics()) {
            if (m instanceof Counter c && c.name().equals("raftkv_snapshot_received_bytes_total")) {
                return c.value();
            }
        }
        throw new AssertionError("no raftkv_snapshot_received_bytes_total");
    }

    /** Waits until {@code id} applied {@code index}. */
    private void awaitApplied(RaftKvClient client, String id, long index) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.status(address(id)).appliedIndex() < index) {
            assertThat(System.nanoTime()).as(id + " did not apply " + index).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void when_a_user_is_added_then_it_logs_in_on_a_node_caught_up_by_snapshot_and_after_a_restart()
            throws Exception {
        for (String id : List.of("n1", "n2", "n3")) {
            members.put(id, new InetSocketAddress("127.0.0.1", FreePorts.one()));
        }
        start("n1");
        start("n2"); // n3 stays down: n1 and n2 are a quorum
        long commit;
        try (RaftKvClient admin = login("admin", "admin-pw", "n1", "n2")) {
            admin.setUser("bob", "bob-pw".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 40; i++) {
                admin.put(("k" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1});
            }
            admin.triggerSnapshot(address("n1"));
            admin.triggerSnapshot(address("n2"));
            commit = admin.status().commitIndex();
        }

        RaftServer late = start("n3");
        try (RaftKvClient admin = login("admin", "admin-pw", "n1", "n2")) {
            awaitApplied(admin, "n3", commit);
        }
        assertThat(snapshotBytesReceived(late)).as("n3 caught up through InstallSnapshot").isPositive();
        try (RaftKvClient bob = login("bob", "bob-pw", "n3")) {
            assertThat(bob.status(address("n3")).nodeId()).isEqualTo("n3");
        }

        servers.remove("n2").close();
        start("n2");
        try (RaftKvClient bob = login("bob", "bob-pw", "n2")) {
            assertThat(bob.status(address("n2")).nodeId()).isEqualTo("n2");
        }
    }
}
