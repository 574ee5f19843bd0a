package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenarios 19 and 20 of raft-anchors.md §3, the part that belongs to the core. */
class CrashScenariosTest {

    enum CrashPoint { BEFORE_PERSIST, AFTER_PERSIST_BEFORE_APPLY, AFTER_APPLY }

    @Test
    @DisplayName("scenario 19: a crash before persisting, before applying or after applying loses no acknowledged write")
    void crashPointsLoseNothingAcknowledged() {
        for (CrashPoint point : CrashPoint.values()) {
            for (String victim : List.of("n1", "n2")) {
                TestCluster c = TestCluster.of(3, cfg -> cfg.withSnapshots(4, 1));
                c.elect("n1");
                c.tickAll(1);
                for (int i = 0; i < 6; i++) {
                    c.propose("n1", "a" + i);
                    c.tickAll(1);
                }
                // Proposals in flight when the victim dies at the crash point.
                c.propose("n1", "b0");
                c.propose("n1", "b1");
                switch (point) {
                    case BEFORE_PERSIST -> c.crashBeforePersist(victim);
                    case AFTER_PERSIST_BEFORE_APPLY -> c.crashAfterPersistBeforeApply(victim);
                    case AFTER_APPLY -> {
                        c.processReady(victim);
                        c.crash(victim);
                    }
                }
                List<String> acknowledged = new ArrayList<>();
                for (TestCluster.Peer p : c.peers.values()) {
                    if (p.applied.size() > acknowledged.size()) {
                        acknowledged = new ArrayList<>(p.applied);
                    }
                }
                c.tickAll(30);
                c.restart(victim);
                String leader = c.tickUntilLeader(300);
                assertThat(leader).isNotNull();
                c.propose(leader, "c0");
                c.tickAll(5);
                String what = point + " on " + victim;
                List<String> finalState = c.appliedCommands(leader);
                assertThat(finalState).as(what).startsWith(acknowledged.toArray(String[]::new));
                assertThat(new HashSet<>(finalState)).as(what).hasSize(finalState.size());
                for (String id : List.of("n1", "n2", "n3")) {
                    assertThat(c.appliedCommands(id)).as("%s: %s", what, id).isEqualTo(finalState);
                }
                assertThat(c.violations).as(what).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("scenario 19: a restarted node keeps its term and vote, so it cannot vote twice in a term")
    void restartKeepsVote() {
        TestCluster c = TestCluster.of(3, cfg -> cfg.withPreVote(false).withCheckQuorum(false));
        c.node("n1").campaign();
        c.stabilize();
        c.crash("n2");
        c.restart("n2");
        RaftNode n2 = c.node("n2");
        assertThat(n2.softState().term()).isEqualTo(1);
        n2.step(new RequestVote("n3", "n2", 1, 5, 1, false, false));
        assertThat(c.takeReady("n2").messages())
                .contains(new RequestVoteResponse("n2", "n3", 1, false, false));
    }

    @Test
    @DisplayName("scenario 20: a deposed leader reports its pending proposal as unknown; it may still commit")
    void unknownOutcomeThatCommits() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.dropIf(m -> m.to().equals("n1")); // n1 hears nothing back
        long index = c.propose("n1", "p");
        c.stabilize();
        c.isolate("n1");
        c.tickAll(25); // check-quorum demotes n1
        assertThat(c.peer("n1").unknownOutcomes).singleElement().satisfies(u -> {
            assertThat(u.firstIndex()).isLessThanOrEqualTo(index);
            assertThat(u.lastIndex()).isGreaterThanOrEqualTo(index);
        });
        c.heal();
        assertThat(c.tickUntilLeader(300)).isIn("n2", "n3");
        c.tickAll(5);
        assertThat(c.appliedCommands("n1")).containsExactly("p"); // "unknown", not "failed"
    }

    @Test
    @DisplayName("scenario 20: an unknown proposal that was overwritten commits at its index with another term")
    void unknownOutcomeThatFails() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.isolate("n1");
        long index = c.propose("n1", "p");
        long term = c.term("n1");
        c.tickAll(25);
        assertThat(c.peer("n1").unknownOutcomes)
                .containsExactly(new UnknownOutcome(term, index, index));
        String leader = c.tickUntilLeader(300);
        c.propose(leader, "q");
        c.heal();
        c.tickAll(5);
        LogEntry at = c.peer("n1").appliedEntries.stream().filter(e -> e.index() == index)
                .findFirst().orElseThrow();
        assertThat(at.term()).isNotEqualTo(term); // the server answers its client "failed"
        assertThat(c.appliedCommands("n1")).containsExactly("q");
    }
}
