package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenarios 1, 6, 7, 8 and 13 of raft-anchors.md §3: terms, pre-vote, check-quorum, learners. */
class ElectionScenariosTest {

    private static RaftConfig plain(RaftConfig c) {
        return c.withPreVote(false).withCheckQuorum(false);
    }

    @Test
    @DisplayName("scenario 1: every role steps down to follower on a higher-term vote request or append")
    void allServersStepDown() {
        for (Role start : List.of(Role.FOLLOWER, Role.CANDIDATE, Role.LEADER)) {
            for (boolean append : List.of(false, true)) {
                TestCluster c = TestCluster.of(3, ElectionScenariosTest::plain);
                c.elect("n1");
                String id = start == Role.LEADER ? "n1" : "n2";
                if (start == Role.CANDIDATE) {
                    c.node("n2").campaign();
                }
                RaftNode n = c.node(id);
                assertThat(n.softState().role()).isEqualTo(start);
                long t = n.softState().term() + 1;
                Message m = append
                        ? new AppendEntries("n3", id, t, 0, 0, List.of(), 0)
                        : new RequestVote("n3", id, t, 100, t, false, false);
                n.step(m);
                assertThat(n.softState().role()).as("%s on %s", start, m).isEqualTo(Role.FOLLOWER);
                assertThat(n.softState().term()).isEqualTo(t);
                assertThat(n.softState().leaderId()).isEqualTo(append ? "n3" : null);
            }
        }
    }

    @Test
    @DisplayName("scenario 1: messages of a stale term do not change a node's log, vote or role")
    void staleMessagesRejected() {
        TestCluster c = TestCluster.of(3, ElectionScenariosTest::plain);
        c.elect("n1");
        c.node("n1").step(new AppendEntriesResponse("n2", "n1", 1, true, 0, 0, 0));
        c.elect("n2");
        long t = c.term("n2");
        c.node("n2").step(new RequestVoteResponse("n3", "n2", t - 1, false, false));
        c.node("n3").step(new Heartbeat("n1", "n3", t - 1, 0, 0));
        assertThat(c.node("n2").softState()).isEqualTo(new SoftState(Role.LEADER, "n2", t));
        assertThat(c.node("n3").softState()).isEqualTo(new SoftState(Role.FOLLOWER, "n2", t));
    }

    @Test
    @DisplayName("scenario 6: pre-vote keeps an isolated follower's term, so it cannot depose a healthy leader")
    void preVoteStopsDisruptiveFollower() {
        assertThat(rejoinAfterIsolation(c -> c)).isFalse();
        // The same script without pre-vote shows the test can fail: the inflated term deposes n1.
        assertThat(rejoinAfterIsolation(c -> c.withPreVote(false))).isTrue();
    }

    /** Returns whether the leader n1 was deposed by n3 rejoining after an isolation. */
    static boolean rejoinAfterIsolation(java.util.function.Function<RaftConfig, RaftConfig> tune) {
        TestCluster c = TestCluster.of(3, tune);
        assertThat(c.elect("n1")).isTrue();
        c.propose("n1", "a");
        c.stabilize();
        long term = c.term("n1");
        c.isolate("n3");
        c.tickAll(60);
        boolean inflated = c.term("n3") > term;
        c.heal();
        c.tickAll(40);
        assertThat(c.violations).isEmpty();
        assertThat(c.leader()).isNotNull();
        boolean deposed = c.term("n1") > term;
        assertThat(deposed).isEqualTo(inflated);
        return deposed;
    }

    @Test
    @DisplayName("scenario 7: with check-quorum a stuck higher-term candidate is freed and an election completes")
    void freeStuckCandidate() {
        TestCluster c = TestCluster.of(3, cfg -> cfg.withPreVote(false));
        c.elect("n1");
        c.isolate("n3");
        c.tickAll(45); // n3 campaigns again and again, raising its term
        long stuck = c.term("n3");
        assertThat(stuck).isGreaterThan(c.term("n1"));
        c.heal();
        String leader = c.tickUntilLeader(100);
        assertThat(leader).isNotNull();
        assertThat(c.term(leader)).isGreaterThanOrEqualTo(stuck);
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 7: split pre-votes resolve into one leader thanks to randomized timeouts")
    void splitPreVoteResolves() {
        TestCluster c = TestCluster.of(3);
        for (String id : List.of("n1", "n2", "n3")) {
            c.node(id).campaign();
        }
        c.stabilize();
        String leader = c.tickUntilLeader(200);
        assertThat(leader).isNotNull();
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 7: a lagging node rejoining while the leader is cut off still lets an election complete")
    void laggingNodeCanCompleteElection() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.isolate("n3");
        c.propose("n1", "a");
        c.propose("n1", "b");
        c.tickAll(3);
        c.heal();
        c.isolate("n1");
        String leader = c.tickUntilLeader(200);
        assertThat(leader).isEqualTo("n2"); // n3 lags, so only n2 can win
        c.propose("n2", "c");
        c.tickAll(3);
        assertThat(c.appliedCommands("n3")).containsExactly("a", "b", "c");
    }

    @Test
    @DisplayName("scenario 8: a follower that heard the leader within the election timeout ignores vote requests")
    void votesRefusedWhileLeaderKnown() {
        Membership m = new Membership(Set.of("n1", "n2"), Set.of("n3"));
        TestCluster c = TestCluster.of(m, cfg -> cfg.withPreVote(false));
        c.elect("n1");
        c.tickAll(1);
        RaftNode n3 = c.node("n3");
        long t = n3.softState().term();
        long last = n3.status().lastIndex();
        n3.step(new RequestVote("n2", "n3", t + 1, last, t, false, false));
        assertThat(n3.softState().term()).isEqualTo(t);
        assertThat(c.takeReady("n3").messages()).noneMatch(x -> x instanceof RequestVoteResponse);
        // A leadership-transfer vote is granted despite the live leader (thesis §3.10).
        n3.step(new RequestVote("n2", "n3", t + 1, last, t, false, true));
        assertThat(c.takeReady("n3").messages())
                .contains(new RequestVoteResponse("n3", "n2", t + 1, true, false));
        // Once the leader is silent for an election timeout the lease is over.
        c.isolate("n1");
        for (int i = 0; i < 10; i++) {
            n3.tick();
        }
        n3.step(new RequestVote("n2", "n3", t + 2, last, t, false, false));
        assertThat(c.takeReady("n3").messages())
                .contains(new RequestVoteResponse("n3", "n2", t + 2, true, false));
    }

    @Test
    @DisplayName("scenario 13: a learner votes when a candidate with a newer membership asks it")
    void learnerMustVote() {
        Membership m = new Membership(Set.of("n1", "n2", "n3"), Set.of("n4"));
        TestCluster c = TestCluster.of(m, cfg -> cfg);
        c.elect("n1");
        c.tickAll(2);
        c.dropIf(x -> x.to().equals("n4"));
        c.node("n1").proposeMembershipChange(new MembershipChange.PromoteLearner("n4"));
        c.stabilize();
        assertThat(c.node("n2").status().membership().voters()).contains("n4");
        assertThat(c.node("n4").status().membership().learners()).contains("n4");
        c.crash("n1");
        c.heal();
        // Alive: n2, n3, n4; quorum of four voters is three, so n4's vote is required.
        String leader = c.tickUntilLeader(300);
        assertThat(leader).isIn("n2", "n3");
        assertThat(c.countDelivered(RequestVoteResponse.class,
                r -> r.from().equals("n4") && r.granted() && !r.preVote())).isPositive();
        assertThat(c.violations).isEmpty();
    }
}
