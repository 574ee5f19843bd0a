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

    @Test
    @DisplayName("§7 a follower stopped during 20,000 writes and restarted after compaction catches up through InstallSnapshot; the three data digests are then equal")
    void when_follower_misses_compacted_log_then_snapshot_brings_it_level() throws Exception {
        cluster = new ProcessCluster(dir, 3, List.of("--snapshot-entries", "3000", "--snapshot-trailing", "100",
                "--snapshot-chunk-kb", "64"));
        cluster.startAll();
        String leader = cluster.awaitLeader(cluster.ids(), Duration.ofSeconds(30));
        String lagging = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        int total = 20_000;
        long seq = 0;
        try (RawClient client = RawClient.open(cluster.address(leader), ProcessCluster.CLUSTER_ID)) {
            for (int i = 0; i < total; i += 500) {
                if (i == 2_000) {
                    cluster.process(lagging).terminate();
                }
                List<Request> batch = new ArrayList<>();
                for (int j = i; j < i + 500; j++) {
                    batch.add(new Request.Write(new Command.Single(new Session(11, ++seq),
                            Put.of(bytes("k" + j), bytes("value-" + j + "-" + "x".repeat(40))))));
                }
                for (Response r : client.pipeline(batch)) {
                    assertThat(r).isInstanceOf(Response.WriteResult.class);
                }
            }
        }
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
                    && Arrays.equals(s.dataDigest(), all.get(0).dataDigest()));
            return same && all.get(0).appliedIndex() >= total ? all : null;
        });
        assertThat(level).hasSize(3);
        String followerLog = cluster.process(lagging).logText();
        assertThat(followerLog).contains("received completely").contains("installed snapshot");
        assertThat(cluster.process(leader).logText()).contains("sending snapshot").contains("delivered to " + lagging);
    }
}
