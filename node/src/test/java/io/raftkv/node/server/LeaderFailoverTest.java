package io.raftkv.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real node processes: elections, failover and restart with no acknowledged write lost. */
class LeaderFailoverTest {

    @TempDir
    Path dir;
    ProcessCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @DisplayName("§5.2/§5.4 SIGKILL the leader under writes: a new one is elected, writes go on, and after the old leader restarts no acknowledged write is missing")
    void when_leader_killed_then_new_leader_and_no_acknowledged_write_lost() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of());
        cluster.startAll();
        String first = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        List<String> acked = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (FollowingClient client = new FollowingClient(List.of(cluster.address("n1"), cluster.address("n2"),
                    cluster.address("n3")), ProcessCluster.CLUSTER_ID)) {
                for (int i = 1; writing.get(); i++) {
                    String key = "k" + i;
                    // retried with the same session sequence after OUTCOME_UNKNOWN or a lost connection;
                    // PutIfAbsent would report applied=false if a retry were applied a second time
                    Response r = client.call(new Request.Write(new Command.Single(new Session(7, i),
                            Put.ifAbsent(bytes(key), bytes("v" + i)))), Duration.ofSeconds(30));
                    assertThat(r).as("write %s", key).isInstanceOf(Response.WriteResult.class);
                    assertThat(((Response.WriteResult) r).result().applied()).as("%s applied once", key).isTrue();
                    acked.add(key);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "writer");
        writer.start();
        try {
            awaitWrites(acked, 100);
            cluster.kill(first);
            List<String> survivors = new ArrayList<>(cluster.ids());
            survivors.remove(first);
            String second = cluster.awaitLeader(survivors, Duration.ofSeconds(30));
            assertThat(second).isNotEqualTo(first);
            awaitWrites(acked, acked.size() + 100);
            cluster.restart(first);
            awaitWrites(acked, acked.size() + 50);
        } finally {
            writing.set(false);
            writer.join(60_000);
        }
        assertThat(failure.get()).isNull();
        String leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        Eventually.await(Duration.ofSeconds(30), first + " level with the leader", () -> {
            ClusterStatus s = cluster.status(first);
            ClusterStatus l = cluster.status(leader);
            return s != null && l != null && s.appliedIndex() == l.appliedIndex()
                    && s.dataDigest().length > 0 && Arrays.equals(s.dataDigest(), l.dataDigest()) ? s : null;
        });
        try (FollowingClient reader = new FollowingClient(List.of(cluster.address(first)), ProcessCluster.CLUSTER_ID)) {
            for (String key : acked) {
                Response r = reader.call(new Request.Get(bytes(key), ReadConsistency.LINEARIZABLE), Duration.ofSeconds(20));
                assertThat(((Response.GetResult) r).found()).as("acknowledged key %s", key).isTrue();
            }
        }
        try (RawClient onOld = RawClient.open(cluster.address(first), ProcessCluster.CLUSTER_ID)) {
            for (String key : acked) {
                Response r = onOld.call(new Request.Get(bytes(key), ReadConsistency.STALE));
                assertThat(((Response.GetResult) r).found()).as("%s on the restarted old leader", key).isTrue();
            }
        }
    }

    private static void awaitWrites(List<String> acked, int atLeast) throws InterruptedException {
        Eventually.await(Duration.ofSeconds(30), atLeast + " acknowledged writes",
                () -> acked.size() >= atLeast ? true : null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
