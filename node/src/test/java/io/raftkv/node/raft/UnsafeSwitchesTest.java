package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each {@link TestFaults} switch breaks a safety rule on purpose; the scenario that guards the
 * rule must catch it (bad outcome with the switch on, none with it off).
 */
class UnsafeSwitchesTest {

    @Test
    @DisplayName("§5.4.2 broken: committing earlier-term entries by counting loses a committed entry in Figure 8")
    void commitEarlierTermsByCountingIsCaught() {
        TestCluster bad = ReplicationScenariosTest.figure8(new TestFaults(true, false, false));
        assertThat(bad.violations).isNotEmpty();
        assertThat(bad.violations).anyMatch(v -> v.contains("index 2"));
        assertThat(ReplicationScenariosTest.figure8(TestFaults.NONE).violations).isEmpty();
    }

    @Test
    @DisplayName("§5.4.1 broken: granting votes without the up-to-date check lets a stale candidate overwrite a committed entry")
    void grantVotesWithoutLogCheckIsCaught() {
        assertThat(staleCandidate(new TestFaults(false, true, false)).violations).isNotEmpty();
        TestCluster good = staleCandidate(TestFaults.NONE);
        assertThat(good.violations).isEmpty();
        assertThat(good.appliedCommands("n3")).containsExactly("x");
    }

    /** n3 misses committed x, then campaigns while n1 is down; n2 is the deciding voter. */
    private static TestCluster staleCandidate(TestFaults faults) {
        TestCluster c = TestCluster.of(3, cfg -> ReplicationScenariosTest.plain(cfg)
                .withFaults(faults));
        c.elect("n1");
        c.isolate("n3");
        c.propose("n1", "x");
        c.tickAll(2); // x committed on n1 and n2, and n2 learned it
        assertThat(c.appliedCommands("n2")).containsExactly("x");
        c.crash("n1");
        c.heal();
        c.node("n3").campaign();
        c.stabilize();
        if (c.node("n3").softState().role() != Role.LEADER) {
            c.node("n2").campaign(); // the correct outcome: only n2 can win
            c.stabilize();
        }
        c.tickAll(3);
        c.restart("n1");
        c.tickAll(3);
        return c;
    }

    @Test
    @DisplayName("pre-vote broken: a rejoining isolated follower deposes the healthy leader")
    void brokenPreVoteIsCaught() {
        assertThat(ElectionScenariosTest.rejoinAfterIsolation(
                cfg -> cfg.withFaults(new TestFaults(false, false, true)))).isTrue();
        assertThat(ElectionScenariosTest.rejoinAfterIsolation(cfg -> cfg)).isFalse();
    }

    @Test
    @DisplayName("no fault is on by default")
    void defaultsAreSafe() {
        assertThat(RaftConfig.defaults("n1").faults()).isEqualTo(TestFaults.NONE);
        assertThat(TestFaults.NONE.any()).isFalse();
    }
}
