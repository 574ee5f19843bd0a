package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.node.raft.MembershipChange.AddLearner;
import io.raftkv.node.raft.MembershipChange.PromoteLearner;
import io.raftkv.node.raft.MembershipChange.RemoveMember;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenarios 10, 11 and 12 of raft-anchors.md §3: leadership transfer, membership changes. */
class MembershipScenariosTest {

    @Test
    @DisplayName("scenario 10: transfer to a slow follower catches it up first, then TimeoutNow makes it leader")
    void transferToSlowFollower() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.isolate("n3");
        for (int i = 0; i < 5; i++) {
            c.propose("n1", "v" + i);
        }
        c.tickAll(2);
        c.heal();
        c.node("n1").transferLeadership("n3");
        assertThatThrownBy(() -> c.propose("n1", "during"))
                .isInstanceOf(LeadershipTransferInProgressException.class);
        c.stabilize();
        assertThat(c.node("n3").softState().role()).isEqualTo(Role.LEADER);
        assertThat(c.countDelivered(TimeoutNow.class, t -> t.to().equals("n3"))).isEqualTo(1);
        c.propose("n3", "after");
        c.tickAll(2);
        assertThat(c.appliedCommands("n1")).containsExactly("v0", "v1", "v2", "v3", "v4", "after");
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 10: a transfer to an unreachable target aborts after an election timeout")
    void transferTimesOut() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.isolate("n3");
        c.propose("n1", "a");
        c.tickAll(1);
        c.node("n1").transferLeadership("n3");
        assertThat(c.node("n1").status().transferTarget()).isEqualTo("n3");
        c.tickAll(10);
        assertThat(c.node("n1").status().transferTarget()).isNull();
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.LEADER);
        c.propose("n1", "b"); // proposals accepted again
        c.tickAll(2);
        assertThat(c.appliedCommands("n2")).containsExactly("a", "b");
    }

    @Test
    @DisplayName("scenario 10: removing the transfer target mid-transfer aborts the transfer; non-voters are refused")
    void transferTargetRemoved() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.tickAll(1);
        c.isolate("n3");
        c.propose("n1", "a");
        c.node("n1").transferLeadership("n3");
        c.node("n1").proposeMembershipChange(new RemoveMember("n3"));
        assertThat(c.node("n1").status().transferTarget()).isNull();
        c.tickAll(3);
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.LEADER);
        assertThat(c.node("n1").status().membership().voters()).containsExactly("n1", "n2");
        assertThatThrownBy(() -> c.node("n1").transferLeadership("n3"))
                .isInstanceOf(LeadershipTransferRejectedException.class);
    }

    @Test
    @DisplayName("scenario 11: a removed leader keeps leading until the change commits, then steps down")
    void removeLeader() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.propose("n1", "a");
        c.tickAll(1);
        long idx = c.node("n1").proposeMembershipChange(new RemoveMember("n1"));
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.LEADER);
        c.stabilize();
        assertThat(c.node("n2").status().commit()).isGreaterThanOrEqualTo(idx);
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.FOLLOWER);
        String leader = c.tickUntilLeader(200);
        assertThat(leader).isIn("n2", "n3");
        c.propose(leader, "b");
        c.tickAll(2);
        assertThat(c.appliedCommands("n2")).containsExactly("a", "b");
        assertThat(c.node(leader).status().membership().voters()).containsExactly("n2", "n3");
        c.tickAll(40);
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.FOLLOWER); // never campaigns
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 11: removing a dead voter shrinks the quorum so pending entries commit")
    void commitAfterRemoveNode() {
        TestCluster c = TestCluster.of(2);
        c.elect("n1");
        c.tickAll(1);
        c.crash("n2");
        long x = c.propose("n1", "x");
        c.tickAll(2);
        assertThat(c.node("n1").status().commit()).isLessThan(x);
        c.node("n1").proposeMembershipChange(new RemoveMember("n2"));
        c.stabilize();
        assertThat(c.appliedCommands("n1")).containsExactly("x");
    }

    @Test
    @DisplayName("scenario 11: no membership change before an entry of the leader's term commits, and one at a time")
    void changeRules() {
        TestCluster c = TestCluster.of(3);
        c.dropIf(m -> m instanceof AppendEntries);
        c.elect("n1");
        assertThatThrownBy(() -> c.node("n1").proposeMembershipChange(new AddLearner("n4")))
                .isInstanceOf(MembershipChangeRejectedException.class)
                .hasMessageContaining("not committed an entry of its term");
        c.heal();
        c.tickAll(2);
        c.isolate("n2");
        c.isolate("n3");
        c.node("n1").proposeMembershipChange(new AddLearner("n4"));
        assertThatThrownBy(() -> c.node("n1").proposeMembershipChange(new AddLearner("n5")))
                .isInstanceOf(MembershipChangeRejectedException.class)
                .hasMessageContaining("one change at a time");
        assertThatThrownBy(() -> c.propose("n2", "x")).isInstanceOf(NotLeaderException.class);
    }

    @Test
    @DisplayName("scenario 12: replace the leader one server at a time (add learner, promote, remove leader); repeated changes are refused")
    void replaceLeaderSingleServer() {
        TestCluster c = TestCluster.of(3);
        c.elect("n1");
        c.propose("n1", "a");
        c.tickAll(1);
        c.add("n4", RaftConfig.defaults("n4"), PersistedState.joining());
        c.node("n1").proposeMembershipChange(new AddLearner("n4"));
        c.tickAll(3);
        assertThat(c.appliedCommands("n4")).containsExactly("a"); // caught up as a learner
        assertThatThrownBy(() -> c.node("n1").proposeMembershipChange(new AddLearner("n4")))
                .isInstanceOf(MembershipChangeRejectedException.class)
                .hasMessageContaining("already a member");
        c.node("n1").proposeMembershipChange(new PromoteLearner("n4"));
        c.tickAll(3);
        c.node("n1").proposeMembershipChange(new RemoveMember("n1"));
        c.tickAll(3);
        String leader = c.tickUntilLeader(300);
        assertThat(leader).isIn("n2", "n3", "n4");
        c.propose(leader, "b");
        c.tickAll(3);
        for (String id : List.of("n2", "n3", "n4")) {
            assertThat(c.appliedCommands(id)).as(id).containsExactly("a", "b");
            assertThat(c.node(id).status().membership())
                    .isEqualTo(new Membership(Set.of("n2", "n3", "n4"), Set.of()));
        }
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("thesis §4.2.1: a learner is promoted only once it has caught up")
    void promotionWaitsForCatchUp() {
        TestCluster c = TestCluster.of(3, cfg -> cfg.withFlowControl(1, 1 << 20, 2, 1 << 20,
                1 << 20));
        c.elect("n1");
        c.tickAll(1);
        c.add("n4", RaftConfig.defaults("n4"), PersistedState.joining());
        c.isolate("n4");
        c.node("n1").proposeMembershipChange(new AddLearner("n4"));
        for (int i = 0; i < 5; i++) {
            c.propose("n1", "v" + i);
        }
        c.tickAll(2);
        assertThatThrownBy(() -> c.node("n1").proposeMembershipChange(new PromoteLearner("n4")))
                .isInstanceOf(MembershipChangeRejectedException.class)
                .hasMessageContaining("entries behind");
        c.heal();
        c.tickAll(5);
        c.node("n1").proposeMembershipChange(new PromoteLearner("n4"));
        c.tickAll(2);
        assertThat(c.node("n4").status().membership().voters()).contains("n4");
    }

    @Test
    @DisplayName("scenario 12: the leader crashing with an uncommitted change leaves every node on one membership")
    void leaderCrashDuringChange() {
        for (boolean reachedMajority : List.of(false, true)) {
            TestCluster c = TestCluster.of(3);
            c.elect("n1");
            c.tickAll(1);
            c.add("n4", RaftConfig.defaults("n4"), PersistedState.joining());
            if (!reachedMajority) {
                c.isolate("n1");
            }
            c.node("n1").proposeMembershipChange(new AddLearner("n4"));
            c.flushReadies();
            if (reachedMajority) {
                c.stabilize();
            }
            c.crash("n1");
            c.heal();
            String leader = c.tickUntilLeader(300);
            assertThat(leader).isIn("n2", "n3");
            c.restart("n1");
            c.tickAll(20);
            Membership expected = reachedMajority
                    ? new Membership(Set.of("n1", "n2", "n3"), Set.of("n4"))
                    : Membership.ofVoters("n1", "n2", "n3");
            for (String id : List.of("n1", "n2", "n3")) {
                assertThat(c.node(id).status().membership()).as("%s %s", id, reachedMajority)
                        .isEqualTo(expected);
            }
            assertThat(c.violations).isEmpty();
        }
    }
}
