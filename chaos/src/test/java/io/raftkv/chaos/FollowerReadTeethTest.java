package io.raftkv.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.chaos.check.Anomaly;
import io.raftkv.chaos.nemesis.Schedule;
import io.raftkv.client.rpc.ReadConsistency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Negative control: reads served from one node's local state (STALE reads, each worker pinned to
 * one node) while minorities are cut off must make the linearizability check report anomalies.
 * If this run came back clean, the CI run's "no anomaly" would mean nothing.
 */
class FollowerReadTeethTest {

    @AfterEach
    void killNodes() {
        ChildProcesses.killAll();
    }

    @Test
    @Timeout(180)
    @DisplayName("thesis §6.4: reads from a follower's local state are caught as not linearizable")
    void followerReadsAreCaught() throws Exception {
        Path out = Path.of("target", "chaos-teeth-follower-reads");
        ChaosConfig config = ChaosConfig.defaults(out, Schedule.followerPartitions(3)).withNodes(3).withSeed(7)
                .withWorkers(6).withReads(ReadConsistency.STALE, true);

        RunResult r = new ChaosRun(config).run();

        assertThat(r.check().anomalies()).as(Files.readString(r.report()))
                .extracting(Anomaly::check).contains("linearizability");
    }
}
