package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenarios 2, 3, 4, 5, 17 and 18 of raft-anchors.md §3: commitment and log repair. */
class ReplicationScenariosTest {

    static RaftConfig plain(RaftConfig c) {
        return c.withPreVote(false).withCheckQuorum(false);
    }

    /**
     * Figure 8 of the paper, scripted on five nodes. Returns the cluster at the end; with the
     * §5.4.2 rule intact nothing is violated, with {@code commitEarlierTermsByCounting} the
     * entry "x" is applied at index 2 by n1 and later overwritten by n5's entry.
     */
    static TestCluster figure8(TestFaults faults) {
        TestCluster c = TestCluster.of(5, cfg -> plain(cfg).withFaults(faults)
                .withFlowControl(1, 1 << 20, 16, 8L << 20, 64L << 20));
        assertThat(c.elect("n1")).isTrue(); // term 1, noop at index 1 everywhere
        c.tickAll(1);
        // (a) n1 replicates x (index 2, term 1) to n2 only.
        for (String other : List.of("n3", "n4", "n5")) {
            c.cut("n1", other);
        }
        c.propose("n1", "x");
        c.stabilize();
        // (b) n5 wins term 2 with n3 and n4, appends its noop at index 2 but sends nothing.
        c.crash("n1");
        c.heal();
        c.dropIf(m -> m.from().equals("n5") && m instanceof AppendEntries);
        assertThat(c.elect("n5")).isTrue();
        c.crash("n5");
        c.heal();
        // (c) n1 comes back and wins term 3 with n2, n3, n4; it replicates index 2 (term 1) to
        // n3 but its own noop (index 3, term 3) nowhere.
        c.restart("n1");
        // Probes that a follower rejects anyway go through; any message that would give a
        // follower the term-3 noop is lost.
        c.dropIf(m -> m instanceof AppendEntries a
                && a.entries().stream().anyMatch(e -> e.term() == 3)
                && c.node(m.to()).status().lastIndex() >= a.prevIndex()
                && a.prevIndex() >= 2);
        c.node("n1").campaign();
        c.stabilize();
        if (c.node("n1").softState().role() != Role.LEADER) {
            c.node("n1").campaign(); // its first try collided with term 2
            c.stabilize();
        }
        assertThat(c.node("n1").softState()).isEqualTo(new SoftState(Role.LEADER, "n1", 3));
        assertThat(c.node("n3").status().lastIndex()).isEqualTo(2); // x reached a majority
        c.crash("n1");
        c.heal();
        // (d) n5 returns and wins with n2, n3, n4: its (2, term 2) entry is the most up-to-date.
        c.restart("n5");
        for (int i = 0; i < 3 && c.node("n5").softState().role() != Role.LEADER; i++) {
            c.node("n5").campaign();
            c.stabilize();
        }
        assertThat(c.node("n5").softState().role()).isEqualTo(Role.LEADER);
        c.tickAll(3);
        return c;
    }

    @Test
    @DisplayName("scenario 2 (Figure 8): a leader never commits an earlier-term entry by counting replicas")
    void figure8NoEarlierTermCommit() {
        TestCluster c = figure8(TestFaults.NONE);
        assertThat(c.violations).isEmpty();
        assertThat(c.appliedCommands("n2")).doesNotContain("x");
        assertThat(c.peer("n1").applied).doesNotContain("x");
    }

    @Test
    @DisplayName("scenario 2: earlier-term entries commit once an entry of the leader's term commits")
    void earlierTermCommitsWithNewTermEntry() {
        TestCluster c = TestCluster.of(3, ReplicationScenariosTest::plain);
        c.elect("n1");
        c.cut("n1", "n2");
        c.cut("n1", "n3");
        c.propose("n1", "y");
        c.stabilize();
        c.heal();
        c.dropIf(m -> m.from().equals("n1") && m instanceof AppendEntries a
                && a.entries().stream().anyMatch(e -> e.term() == 2));
        c.node("n1").campaign(); // term 2: y is from term 1
        c.stabilize();
        assertThat(c.node("n1").status().commit()).isEqualTo(1);
        c.heal();
        c.tickAll(2);
        assertThat(c.appliedCommands("n3")).containsExactly("y");
    }

    @Test
    @DisplayName("scenario 3 (Figure 7): the leader repairs missing, extra and conflicting follower suffixes")
    void figure7LeaderRepairsLogs() {
        long[][] logs = {
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6}, // leader
            {1, 1, 1, 4, 4, 5, 5, 6, 6}, // (a)
            {1, 1, 1, 4}, // (b)
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6}, // (c)
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7}, // (d)
            {1, 1, 1, 4, 4, 4, 4}, // (e)
            {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3}, // (f)
        };
        Set<String> ids = Set.of("n1", "n2", "n3", "n4", "n5", "n6", "n7");
        Membership m = new Membership(ids, Set.of());
        TestCluster c = new TestCluster();
        for (int i = 0; i < logs.length; i++) {
            String id = "n" + (i + 1);
            List<LogEntry> entries = new ArrayList<>();
            for (int j = 0; j < logs[i].length; j++) {
                entries.add(new LogEntry(logs[i][j], j + 1, EntryType.COMMAND,
                        (id + "/" + (j + 1)).getBytes()));
            }
            // Followers' entries that match the leader's by (index, term) must be identical.
            for (int j = 0; j < entries.size() && i > 0; j++) {
                if (j < logs[0].length && logs[0][j] == logs[i][j]) {
                    entries.set(j, new LogEntry(logs[0][j], j + 1, EntryType.COMMAND,
                            ("n1/" + (j + 1)).getBytes()));
                }
            }
            c.add(id, plain(RaftConfig.defaults(id)), new PersistedState(new HardState(7, null, 0),
                    new Snapshot(new SnapshotMeta(0, 0, m), null), entries));
        }
        assertThat(c.elect("n1")).isTrue();
        c.tickAll(2);
        List<LogEntry> leaderLog = c.peer("n1").storage.entries;
        assertThat(leaderLog).hasSize(11);
        for (String id : ids) {
            assertThat(c.peer(id).storage.entries).as(id).isEqualTo(leaderLog);
        }
        // Fast backtracking: (f) needs one rejection, not one per missing entry.
        assertThat(c.countDelivered(AppendEntriesResponse.class,
                r -> r.from().equals("n7") && !r.success())).isEqualTo(1);
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 4: a newly elected leader overwrites a follower's higher-term uncommitted entry")
    void newLeaderOverwritesNewerLogs() {
        Set<String> ids = Set.of("n1", "n2", "n3", "n4", "n5");
        Membership m = new Membership(ids, Set.of());
        TestCluster c = new TestCluster();
        for (String id : List.of("n1", "n2", "n3", "n4", "n5")) {
            List<LogEntry> entries = switch (id) {
                case "n1", "n2" -> List.of(new LogEntry(1, 1, EntryType.COMMAND, "old".getBytes()));
                case "n3" -> List.of(new LogEntry(2, 1, EntryType.COMMAND, "newer".getBytes()));
                default -> List.of();
            };
            c.add(id, plain(RaftConfig.defaults(id)), new PersistedState(new HardState(2, null, 0),
                    new Snapshot(new SnapshotMeta(0, 0, m), null), entries));
        }
        assertThat(c.elect("n1")).isTrue();
        c.tickAll(2);
        assertThat(c.peer("n3").storage.entries.get(0).term()).isEqualTo(1);
        assertThat(c.appliedCommands("n3")).containsExactly("old");
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 5: a leader in the minority cannot commit, steps down by check-quorum, and its entries are discarded on heal")
    void minorityLeader() {
        TestCluster c = TestCluster.of(5);
        c.elect("n1");
        c.tickAll(1);
        for (String a : List.of("n1", "n2")) {
            for (String b : List.of("n3", "n4", "n5")) {
                c.cut(a, b);
            }
        }
        long lost = c.propose("n1", "lost");
        c.tickAll(5);
        assertThat(c.node("n1").status().commit()).isLessThan(lost);
        c.tickAll(20);
        assertThat(c.node("n1").softState().role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.peer("n1").unknownOutcomes)
                .anyMatch(u -> u.firstIndex() <= lost && lost <= u.lastIndex());
        String leader = null;
        for (int i = 0; i < 100 && leader == null; i++) {
            c.tickAll(1);
            for (String id : List.of("n3", "n4", "n5")) {
                if (c.node(id).softState().role() == Role.LEADER) {
                    leader = id;
                }
            }
        }
        assertThat(leader).isNotNull();
        c.propose(leader, "kept");
        c.heal();
        c.tickAll(30);
        for (String id : List.of("n1", "n2", "n3", "n4", "n5")) {
            assertThat(c.appliedCommands(id)).as(id).containsExactly("kept");
        }
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("scenario 17: reordered, duplicated, dropped and old messages never break safety")
    void reorderedDuplicatedOldMessages() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            TestCluster c = TestCluster.of(3);
            List<Message> old = new ArrayList<>();
            int proposed = 0;
            for (int step = 0; step < 400; step++) {
                for (String id : c.peers.keySet()) {
                    c.processReady(id);
                }
                Collections.shuffle(c.queue, rnd);
                List<Message> batch = new ArrayList<>(c.queue);
                c.queue.clear();
                for (Message m : batch) {
                    int dice = rnd.nextInt(10);
                    if (dice == 0) {
                        continue; // dropped
                    }
                    if (dice == 1) {
                        c.queue.add(m); // duplicated, delivered again later
                    }
                    if (rnd.nextInt(20) == 0) {
                        old.add(m);
                    }
                    c.stepSafely(m);
                }
                if (!old.isEmpty() && rnd.nextInt(10) == 0) {
                    c.stepSafely(old.get(rnd.nextInt(old.size()))); // a stale replay
                }
                for (TestCluster.Peer p : c.peers.values()) {
                    p.node.tick();
                }
                String leader = c.leader();
                if (leader != null && rnd.nextInt(3) == 0) {
                    try {
                        c.propose(leader, "v" + proposed++);
                    } catch (RaftException e) {
                        // transfer or limits: fine, try later
                    }
                }
            }
            c.tickAll(40);
            assertThat(c.violations).as("seed %d", seed).isEmpty();
            List<String> a = c.appliedCommands("n1");
            assertThat(c.appliedCommands("n2")).as("seed %d", seed).isEqualTo(a);
            assertThat(c.appliedCommands("n3")).as("seed %d", seed).isEqualTo(a);
            assertThat(a).as("seed %d made progress", seed).isNotEmpty();
        }
    }

    @Test
    @DisplayName("scenario 18: a Ready persisted after a term change and truncation does not mark the new entries stable (ABA)")
    void asyncWriteAbaRace() {
        Membership m = Membership.ofVoters("n1", "n2", "n3");
        RaftNode n = new RaftNode(plain(RaftConfig.defaults("n2")), PersistedState.bootstrap(m), 5);
        n.step(new AppendEntries("n1", "n2", 2, 0, 0, List.of(LogEntry.noop(1, 1),
                LogEntry.noop(2, 2), LogEntry.noop(2, 3)), 1));
        Ready first = n.ready(); // entries 1..3 being written; the server is slow
        assertThat(first.entries()).hasSize(3);
        // Before the write completes a new leader of term 3 replaces index 3 with its own.
        n.step(new AppendEntries("n3", "n2", 3, 2, 2, List.of(LogEntry.noop(3, 3)), 1));
        n.advance(first); // the write of (3, term 2) completes: it must not count for (3, term 3)
        Ready second = n.ready();
        assertThat(second.entries()).containsExactly(LogEntry.noop(3, 3));
        assertThat(second.messages()).contains(new AppendEntriesResponse("n2", "n3", 3, true, 3, 0, 0));
        n.advance(second);
        assertThat(n.hasReady()).isFalse();
    }
}
