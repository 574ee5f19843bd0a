package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.node.raft.MembershipChange.AddLearner;
import io.raftkv.node.raft.MembershipChange.PromoteLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenarios 14 and 15 of raft-anchors.md §3 and §7 of the paper: snapshots and compaction. */
class SnapshotScenariosTest {

    private static RaftConfig snappy(RaftConfig c) {
        return c.withSnapshots(5, 0);
    }

    private static List<String> values(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("v" + i);
        }
        return out;
    }

    @Test
    @DisplayName("§7 the core asks for a snapshot once the log passes the threshold, and compacts after it")
    void snapshotRequestedAndCompacted() {
        TestCluster c = TestCluster.of(1, SnapshotScenariosTest::snappy);
        c.elect("n1");
        for (String v : values(12)) {
            c.propose("n1", v);
            c.stabilize();
        }
        assertThat(c.peer("n1").snapshotsTaken).isGreaterThanOrEqualTo(2);
        Status s = c.node("n1").status();
        assertThat(s.snapshotIndex()).isGreaterThanOrEqualTo(10);
        assertThatThrownBy(() -> c.node("n1").snapshotMetaAt(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compacted");
        assertThatThrownBy(() -> c.node("n1").compact(s.lastIndex() + 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("§7 a snapshot request the server declines (one in progress, or it failed) is asked again")
    void declinedSnapshotRequestedAgain() {
        TestCluster c = TestCluster.of(1, SnapshotScenariosTest::snappy);
        c.elect("n1");
        c.peer("n1").snapshotDeclines = 2;
        for (String v : values(12)) {
            c.propose("n1", v);
            c.stabilize();
        }
        assertThat(c.peer("n1").snapshotDeclines).as("both declines were asked for").isZero();
        assertThat(c.peer("n1").snapshotsTaken).as("asked again after declining").isGreaterThanOrEqualTo(1);
        assertThat(c.node("n1").status().snapshotIndex()).isGreaterThanOrEqualTo(5);
    }

    @Test
    @DisplayName("a declined snapshot is asked for again only after more entries are applied, not in a loop of"
            + " Readies (a server with a long snapshot in progress declines every request)")
    void declinedSnapshotNotAskedInALoop() {
        TestCluster c = TestCluster.of(1, SnapshotScenariosTest::snappy);
        c.elect("n1");
        int declines = 1_000;
        c.peer("n1").snapshotDeclines = declines;
        for (String v : values(12)) {
            c.propose("n1", v);
            c.stabilize();
        }
        int asked = declines - c.peer("n1").snapshotDeclines;
        assertThat(asked).as("requests while declining, at most one per applied entry").isBetween(1, 12);
        assertThat(c.peer("n1").snapshotsTaken).isZero();
    }

    @Test
    @DisplayName("§7 large entries trigger a snapshot by bytes long before the entry threshold, and the trailing"
            + " entries kept in memory stay under their byte bound")
    void snapshotByBytes() {
        TestCluster c = TestCluster.of(1, cfg -> cfg.withSnapshots(1_000, 100).withSnapshotBytes(2_000, 450));
        c.elect("n1");
        String big = "x".repeat(200);
        for (int i = 0; i < 30; i++) {
            c.propose("n1", big + i);
            c.stabilize();
        }
        Status s = c.node("n1").status();
        assertThat(c.peer("n1").snapshotsTaken).as("30 entries of ~200 B with a 2,000 B threshold").isGreaterThanOrEqualTo(2);
        assertThat(s.snapshotIndex()).isGreaterThanOrEqualTo(10);
        // at most two ~210-byte entries fit in 450 bytes behind the snapshot; older ones are compacted
        long kept = s.snapshotIndex() - 2;
        assertThatThrownBy(() -> c.node("n1").snapshotMetaAt(kept - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compacted");
    }

    @Test
    @DisplayName("scenario 14: a slow follower behind the compacted log gets a snapshot, then resumes replication")
    void slowFollowerAfterCompaction() {
        TestCluster c = TestCluster.of(3, SnapshotScenariosTest::snappy);
        c.elect("n1");
        c.tickAll(1);
        c.isolate("n3");
        for (String v : values(20)) {
            c.propose("n1", v);
            c.tickAll(1);
        }
        assertThat(c.node("n1").status().snapshotIndex()).isGreaterThan(c.node("n3").status().lastIndex());
        c.heal();
        c.tickAll(3);
        assertThat(c.countDelivered(InstallSnapshot.class, m -> m.to().equals("n3"))).isPositive();
        c.propose("n1", "after");
        c.tickAll(3);
        List<String> expected = new ArrayList<>(values(20));
        expected.add("after");
        assertThat(c.appliedCommands("n3")).isEqualTo(expected);
        assertThat(c.node("n1").status().peers().get("n3").state())
                .isEqualTo(ProgressState.REPLICATE);
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 14: the snapshot's acknowledgement may arrive as an AppendEntries response")
    void snapshotAckViaAppendResponse() {
        TestCluster c = TestCluster.of(3, SnapshotScenariosTest::snappy);
        c.elect("n1");
        c.tickAll(1);
        c.isolate("n3");
        for (String v : values(12)) {
            c.propose("n1", v);
            c.tickAll(1);
        }
        c.heal();
        c.dropIf(m -> m instanceof InstallSnapshot || m instanceof InstallSnapshotResponse);
        c.tickAll(1);
        PeerStatus p = c.node("n1").status().peers().get("n3");
        assertThat(p.state()).isEqualTo(ProgressState.SNAPSHOT);
        long snap = c.node("n1").status().snapshotIndex();
        c.node("n1").step(new AppendEntriesResponse("n3", "n1", c.term("n1"), true, snap, 0, 0));
        assertThat(c.node("n1").status().peers().get("n3").state())
                .isEqualTo(ProgressState.REPLICATE);
    }

    @Test
    @DisplayName("scenario 14: a lost snapshot is sent again after an election timeout")
    void lostSnapshotRetried() {
        TestCluster c = TestCluster.of(3, SnapshotScenariosTest::snappy);
        c.elect("n1");
        c.tickAll(1);
        c.isolate("n3");
        for (String v : values(12)) {
            c.propose("n1", v);
            c.tickAll(1);
        }
        c.heal();
        c.dropIf(m -> m instanceof InstallSnapshot);
        c.tickAll(2);
        c.heal();
        c.tickAll(25);
        assertThat(c.appliedCommands("n3")).isEqualTo(values(12));
    }

    @Test
    @DisplayName("scenario 15: the leader crashes during a snapshot transfer; the next leader's snapshot carries the membership")
    void leaderCrashDuringSnapshotTransfer() {
        TestCluster c = TestCluster.of(3, SnapshotScenariosTest::snappy);
        c.elect("n1");
        c.tickAll(1);
        c.add("n4", snappy(RaftConfig.defaults("n4")), PersistedState.joining());
        c.isolate("n4");
        c.node("n1").proposeMembershipChange(new AddLearner("n4"));
        for (String v : values(12)) {
            c.propose("n1", v);
            c.tickAll(1);
        }
        // n4 comes back; n1 sends it a snapshot but crashes before it arrives.
        c.heal();
        c.dropIf(m -> m instanceof InstallSnapshot); // in flight when n1 dies: lost
        c.tickAll(1);
        assertThat(c.countDelivered(InstallSnapshot.class, m -> true)).isZero();
        assertThat(c.node("n4").status().lastIndex()).isZero();
        assertThat(c.node("n1").status().peers().get("n4").state())
                .isEqualTo(ProgressState.SNAPSHOT);
        c.crash("n1");
        c.heal();
        String leader = c.tickUntilLeader(300);
        assertThat(leader).isIn("n2", "n3");
        c.tickAll(5);
        assertThat(c.countDelivered(InstallSnapshot.class,
                m -> m.to().equals("n4") && !m.from().equals("n1"))).isPositive();
        Membership expected = new Membership(Set.of("n1", "n2", "n3"), Set.of("n4"));
        assertThat(c.node("n4").status().membership()).isEqualTo(expected);
        assertThat(c.appliedCommands("n4")).isEqualTo(values(12));
        // Restarting n4 from its installed snapshot restores the membership too.
        c.crash("n4");
        c.restart("n4");
        assertThat(c.node("n4").status().membership()).isEqualTo(expected);
        c.node(leader).proposeMembershipChange(new PromoteLearner("n4"));
        c.tickAll(5);
        assertThat(c.node("n4").status().membership().voters()).contains("n4");
        assertThat(c.violations).isEmpty();
    }
}
