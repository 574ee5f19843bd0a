package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The correct core under the full fault schedule: a thousand seeds, 3 and 5 nodes mixed, must show
 * no safety, liveness, disruption or linearizability violation.
 */
class SimSeedsTest {

    private static final int THREADS = 2;

    @Test
    @DisplayName("1,000 seeds (700 on 3 nodes, 300 on 5 nodes) at the default steps find no violation")
    void when_thousand_seeds_run_on_correct_core_then_no_violation() throws InterruptedException {
        List<SimResult> failures = new ArrayList<>();
        failures.addAll(SeedRunner.run(1, 700, SimConfig.defaults(3), THREADS, null));
        failures.addAll(SeedRunner.run(1, 300, SimConfig.defaults(5), THREADS, null));
        assertThat(failures).as("failing seeds (replay with SimMain --seeds 1 --seed S --nodes N)")
                .extracting(SimResult::violation).isEmpty();
    }

    @Test
    @DisplayName("a run really exercises the cluster: elections, commits, client operations and faults happen")
    void when_seed_runs_then_cluster_did_real_work() {
        SimResult r = Simulation.run(4, SimConfig.defaults(3));
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.leaderElections()).isPositive();
        assertThat(r.committed()).isGreaterThan(50);
        assertThat(r.opsCompleted()).isGreaterThan(50);
        assertThat(r.messages()).isGreaterThan(1_000);
        assertThat(r.ticks()).isGreaterThan(SimConfig.DEFAULT_STEPS);
    }
}
