package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower that missed compacted entries catches up through a chunked InstallSnapshot (§7). */
class SnapshotCatchUpTest {

    @TempDir
    Path dir;
    ProcessCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The node the writes go to; null to look for the leader again. */
    private String target;

    /**
     * Pipelines {@code batch} to the leader; anything that did not apply there (leadership moved)
     * is retried through the retrier with the same session sequence.
     */
    private void writeAll(List<Request> batch, FollowingClient retrier, String down) throws Exception {
        if (target == null || target.equals(down)) {
            target = cluster.awaitLeader(cluster.ids().stream().filter(id -> !id.equals(down)).toList(),
                    Duration.ofSeconds(30));
        }
        List<Response> answers;
        try (RawClient client = RawClient.open(cluster.address(target), ProcessCluster.CLUSTER_ID)) {
            answers = client.pipeline(batch);
        } catch (Exception e) {
            answers = java.util.Collections.nCopies(batch.size(), null);
        }
        for (int k = 0; k < batch.size(); k++) {
            Response r = answers.get(k);
            if (!(r instanceof Response.WriteResult)) {
                r = retrier.call(batch.get(k), Duration.ofSeconds(30));
                target = null;
            }
            assertThat(r).isInstanceOf(Response.WriteResult.class);
        }
    }

    @Test
    @DisplayName("§7 a follower stopped during 20,000 writes and restarted after compaction catches up through InstallSnapshot; the three data digests are then equal")
    void when_follower_misses_compacted_log_then_snapshot_brings_it_level() throws Exception {
        // pipelined writes share entries (command groups, up to 256 writes each): snapshots every 20
        // entries keeping 5 make sure the log the stopped follower needs is compacted away
        cluster = new ProcessCluster(dir, 3, List.of("--snapshot-entries", "20", "--snapshot-trailing", "5",
                "--snapshot-chunk-kb", "64"));
        cluster.startAll();
        cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        int total = 20_000;
        long started = System.nanoTime();
        String lagging = null;
        try (FollowingClient retrier = new FollowingClient(List.of(cluster.address("n1"), cluster.address("n2"),
                cluster.address("n3")), ProcessCluster.CLUSTER_ID)) {
            for (int i = 0; i < total; i += 500) {
                if (i == 2_000) {
                    String now = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
                    lagging = cluster.ids().stream().filter(id -> !id.equals(now)).findFirst().orElseThrow();
                    cluster.terminate(lagging);
                    // SIGTERM: the shutdown hook drained and closed cleanly
                    assertThat(cluster.process(lagging).logText()).contains("[" + lagging + "] stopped");
                }
                List<Request> batch = new ArrayList<>();
                for (int j = i; j < i + 500; j++) {
                    // 50 writes per session: a retry stays within the 64 results a session keeps
                    batch.add(new Request.Write(new Command.Single(new Session(1000 + j / 50, j % 50 + 1),
                            Put.of(bytes("k" + j), bytes("value-" + j + "-" + "x".repeat(40))))));
                }
                writeAll(batch, retrier, lagging);
            }
        }
        System.out.printf("[figure] %d pipelined writes (500 in flight, one connection) on 3 node processes: %d ms%n",
                total, (System.nanoTime() - started) / 1_000_000);
        String stopped = lagging;
        String leaderNow = cluster.awaitLeader(cluster.ids().stream().filter(id -> !id.equals(stopped)).toList(),
                Duration.ofSeconds(30));
        long written = cluster.status(leaderNow).appliedIndex();
        long restarted = System.nanoTime();
        cluster.restart(lagging);
        List<ClusterStatus> level = Eventually.await(Duration.ofSeconds(60), "three equal digests", () -> {
            List<ClusterStatus> all = new ArrayList<>();
            for (String id : cluster.ids()) {
                ClusterStatus s = cluster.status(id);
                if (s == null) {
                    return null;
                }
                all.add(s);
            }
            boolean same = all.stream().allMatch(s -> s.appliedIndex() == all.get(0).appliedIndex()
                    && s.dataDigest().length > 0 && Arrays.equals(s.dataDigest(), all.get(0).dataDigest()));
            return same && all.get(0).appliedIndex() >= written ? all : null;
        });
        assertThat(level).hasSize(3);
        System.out.printf("[figure] follower restart to equal digests via InstallSnapshot: %d ms%n",
                (System.nanoTime() - restarted) / 1_000_000);
        String followerLog = cluster.process(lagging).logText();
        assertThat(followerLog).contains("received completely").contains("installed snapshot");
        String leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        assertThat(cluster.process(leader).logText()).contains("sending snapshot").contains("delivered to " + lagging);
    }
}
