package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A seed names a run: replaying it gives the same events, hence the same trace hash and result. */
class SimDeterminismTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 1382, 9_000_001})
    @DisplayName("two runs of one seed produce identical results and trace hashes (3 and 5 nodes)")
    void when_seed_runs_twice_then_results_are_identical(long seed) {
        for (int nodes : new int[] {3, 5}) {
            SimConfig config = SimConfig.defaults(nodes);
            SimResult first = Simulation.run(seed, config);
            SimResult second = Simulation.run(seed, config);
            assertThat(second).isEqualTo(first);
            assertThat(first.messages()).isPositive();
        }
    }

    @Test
    @DisplayName("different seeds give different runs")
    void when_seeds_differ_then_traces_differ() {
        SimConfig config = SimConfig.defaults(3);
        assertThat(Simulation.run(1, config).traceHash()).isNotEqualTo(Simulation.run(2, config).traceHash());
    }

    @Test
    @DisplayName("a failing seed replays to the same violation, whatever the thread count")
    void when_failing_seeds_rerun_then_same_violations() throws InterruptedException {
        SimConfig config = SimConfig.defaults(3).withBreak(BreakSwitch.VOTE_CHECK);
        List<SimResult> oneThread = SeedRunner.run(1, 30, config, 1, null);
        List<SimResult> twoThreads = SeedRunner.run(1, 30, config, 2, null);
        assertThat(oneThread).isNotEmpty();
        assertThat(twoThreads).isEqualTo(oneThread);
        SimResult replay = Simulation.run(oneThread.get(0).seed(), config);
        assertThat(replay.violation()).isEqualTo(oneThread.get(0).violation());
    }
}
