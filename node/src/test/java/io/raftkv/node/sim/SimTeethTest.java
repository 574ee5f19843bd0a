package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator has teeth: with each of the core's unsafe switches on, named seeds (found by
 * running {@code SimMain --break ...}) report a violation, and the same seeds pass on the correct
 * core. The seeds depend on the simulator's fault schedule and the core's behaviour: when either
 * changes on purpose, find new ones with {@code SimMain --seeds 2000 --break X} and update them.
 */
class SimTeethTest {

    /** Violations that mean committed data was lost or diverged. */
    private static final Set<Violation.Kind> SAFETY = EnumSet.of(Violation.Kind.LEADER_COMPLETENESS,
            Violation.Kind.STATE_MACHINE_SAFETY, Violation.Kind.LOG_MATCHING, Violation.Kind.ELECTION_SAFETY,
            Violation.Kind.COMMIT_DURABILITY, Violation.Kind.LINEARIZABILITY);

    @ParameterizedTest(name = "seed {0} on {1} nodes")
    @CsvSource({"29, 3", "170, 3", "173, 3", "108, 5", "348, 5"})
    @DisplayName("§5.4.2 broken (commit earlier-term entries by counting): Figure 8 loses a committed entry")
    void when_commit_rule_broken_then_named_seed_loses_committed_entry(long seed, int nodes) {
        assertCaught(seed, nodes, BreakSwitch.COMMIT_RULE, SAFETY);
    }

    @ParameterizedTest(name = "seed {0} on {1} nodes")
    @CsvSource({"1, 3", "8, 3", "4, 5", "8, 5"})
    @DisplayName("§5.4.1 broken (votes without the up-to-date check): a stale leader overwrites a committed entry")
    void when_vote_check_broken_then_named_seed_loses_committed_entry(long seed, int nodes) {
        assertCaught(seed, nodes, BreakSwitch.VOTE_CHECK, SAFETY);
    }

    @ParameterizedTest(name = "seed {0} on {1} nodes")
    @CsvSource({"1, 3", "2, 3", "1, 5"})
    @DisplayName("thesis §9.6 broken (blind pre-vote that bumps the term): a rejoining follower deposes the leader")
    void when_pre_vote_broken_then_named_seed_reports_disruption(long seed, int nodes) {
        assertCaught(seed, nodes, BreakSwitch.PRE_VOTE, EnumSet.of(Violation.Kind.DISRUPTION));
    }

    @ParameterizedTest(name = "seed {0} on {1} nodes")
    @CsvSource({"27, 3", "29, 3", "30, 3"})
    @DisplayName("thesis §6.4 skipped (simulator serves reads locally): the history check finds a stale read")
    void when_reads_skip_read_index_then_history_is_not_linearizable(long seed, int nodes) {
        assertCaught(seed, nodes, BreakSwitch.STALE_READS, EnumSet.of(Violation.Kind.LINEARIZABILITY));
    }

    @Test
    @DisplayName("§5.4.1 broken: caught often, not by luck (at least 5 of seeds 1..40 on 3 nodes)")
    void when_vote_check_broken_then_many_seeds_fail() throws InterruptedException {
        List<SimResult> failures = SeedRunner.run(1, 40, SimConfig.defaults(3).withBreak(BreakSwitch.VOTE_CHECK), 2, null);
        assertThat(failures).hasSizeGreaterThanOrEqualTo(5);
        assertThat(failures).allSatisfy(r -> assertThat(r.violation().kind()).isIn(SAFETY));
    }

    @Test
    @DisplayName("thesis §9.6 broken: every one of seeds 1..10 reports the disruption")
    void when_pre_vote_broken_then_every_seed_fails() throws InterruptedException {
        List<SimResult> failures = SeedRunner.run(1, 10, SimConfig.defaults(3).withBreak(BreakSwitch.PRE_VOTE), 2, null);
        assertThat(failures).hasSize(10);
    }

    private static void assertCaught(long seed, int nodes, BreakSwitch broken, Set<Violation.Kind> kinds) {
        SimResult bad = Simulation.run(seed, SimConfig.defaults(nodes).withBreak(broken));
        assertThat(bad.violation()).as("seed %d with %s", seed, broken.cliName()).isNotNull();
        assertThat(bad.violation().kind()).as(bad.violation().toString()).isIn(kinds);
        SimResult good = Simulation.run(seed, SimConfig.defaults(nodes));
        assertThat(good.violation()).as("the same seed on the correct core").isNull();
    }
}
