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
    @DisplayName("§5.2/§5.4 SIGKILL the leader: a new one is elected, writes go on, and after the old leader restarts no acknowledged write is missing")
    void when_leader_killed_then_new_leader_and_no_acknowledged_write_lost() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of());
        cluster.startAll();
        String first = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        List<String> acked = new ArrayList<>();
        try (FollowingClient client = new FollowingClient(List.of(cluster.address("n1"), cluster.address("n2"),
                cluster.address("n3")), ProcessCluster.CLUSTER_ID)) {
            write(client, "a", 100, acked);
            cluster.kill(first);
            List<String> survivors = new ArrayList<>(cluster.ids());
            survivors.remove(first);
            String second = cluster.awaitLeader(survivors, Duration.ofSeconds(30));
            assertThat(second).isNotEqualTo(first);
            write(client, "b", 100, acked);
            cluster.restart(first);
            ClusterStatus caughtUp = Eventually.await(Duration.ofSeconds(30), first + " catching up", () -> {
                ClusterStatus s = cluster.status(first);
                ClusterStatus l = cluster.status(second);
                return s != null && l != null && s.appliedIndex() >= l.commitIndex()
                        && Arrays.equals(s.dataDigest(), l.dataDigest()) ? s : null;
            });
            assertThat(caughtUp.leaderId()).isNotEmpty();
            for (String key : acked) {
                Response r = client.call(new Request.Get(bytes(key), ReadConsistency.LINEARIZABLE),
                        Duration.ofSeconds(20));
                assertThat(r).isInstanceOf(Response.GetResult.class);
                assertThat(((Response.GetResult) r).found()).as("acknowledged key %s", key).isTrue();
            }
        }
        assertThat(acked).hasSize(200);
    }

    private static void write(FollowingClient client, String prefix, int n, List<String> acked) throws Exception {
        for (int i = 0; i < n; i++) {
            String key = prefix + i;
            Response r = client.call(new Request.Write(new Command.Single(new Session(7, acked.size() + 1),
                    Put.of(bytes(key), bytes("v" + i)))), Duration.ofSeconds(30));
            assertThat(r).as("write %s", key).isInstanceOf(Response.WriteResult.class);
            acked.add(key);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
