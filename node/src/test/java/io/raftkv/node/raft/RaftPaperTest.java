package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per rule of the Raft paper (Ongaro and Ousterhout 2014), by section. */
class RaftPaperTest {

    private static RaftConfig plain(RaftConfig c) {
        return c.withPreVote(false).withCheckQuorum(false);
    }

    private static RaftNode single(String id, Membership m) {
        return new RaftNode(plain(RaftConfig.defaults(id)), PersistedState.bootstrap(m), 7);
    }

    @Test
    @DisplayName("§5.1 a follower that sees a higher term adopts it and forgets its vote")
    void followerAdoptsHigherTerm() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.step(new Heartbeat("n2", "n1", 5, 0, 0));
        assertThat(n.softState()).isEqualTo(new SoftState(Role.FOLLOWER, "n2", 5));
        assertThat(n.ready().hardState()).isEqualTo(new HardState(5, null, 0));
    }

    @Test
    @DisplayName("§5.1 a leader or candidate that sees a higher term steps down")
    void leaderStepsDownOnHigherTerm() {
        TestCluster c = TestCluster.of(3, RaftPaperTest::plain);
        assertThat(c.elect("n1")).isTrue();
        long term = c.node("n1").softState().term();
        c.node("n1").step(new AppendEntriesResponse("n2", "n1", term + 3, false, 0, 0, 0));
        assertThat(c.node("n1").softState()).isEqualTo(new SoftState(Role.FOLLOWER, null, term + 3));

        c.node("n2").campaign(); // candidate in some term
        assertThat(c.node("n2").softState().role()).isEqualTo(Role.CANDIDATE);
        long t2 = c.node("n2").softState().term();
        c.node("n2").step(new RequestVoteResponse("n3", "n2", t2 + 1, false, false));
        assertThat(c.node("n2").softState()).isEqualTo(new SoftState(Role.FOLLOWER, null, t2 + 1));
    }

    @Test
    @DisplayName("§5.1 a message with a stale term is rejected: no vote, no append")
    void staleTermRejected() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.step(new Heartbeat("n2", "n1", 5, 0, 0));
        n.advance(n.ready());
        n.step(new RequestVote("n3", "n1", 4, 10, 4, false, false));
        n.step(new AppendEntries("n3", "n1", 4, 0, 0, List.of(LogEntry.noop(4, 1)), 1));
        Ready r = n.ready();
        assertThat(r.entries()).isEmpty();
        assertThat(r.messages()).allSatisfy(m -> {
            assertThat(m).isNotInstanceOf(RequestVoteResponse.class);
            assertThat(m.term()).isEqualTo(5);
        });
        assertThat(n.softState().term()).isEqualTo(5);
    }

    @Test
    @DisplayName("§5.2 a follower that hears nothing for its election timeout becomes candidate and asks every voter")
    void followerStartsElection() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        for (int i = 0; i < 20 && n.softState().role() == Role.FOLLOWER; i++) {
            n.tick();
        }
        assertThat(n.softState()).isEqualTo(new SoftState(Role.CANDIDATE, null, 1));
        Ready r = n.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(1, "n1", 0));
        assertThat(r.messages()).containsExactly(
                new RequestVote("n1", "n2", 1, 0, 0, false, false),
                new RequestVote("n1", "n3", 1, 0, 0, false, false));
    }

    @Test
    @DisplayName("§5.2 election timeouts are randomized in [electionTicks, 2*electionTicks) and fixed by the seed")
    void electionTimeoutRandomized() {
        Set<Integer> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            int first = ticksToCampaign(seed);
            assertThat(first).isBetween(10, 19);
            assertThat(ticksToCampaign(seed)).isEqualTo(first);
            seen.add(first);
        }
        assertThat(seen.size()).isGreaterThan(3);
    }

    private static int ticksToCampaign(long seed) {
        RaftNode n = new RaftNode(plain(RaftConfig.defaults("n1")),
                PersistedState.bootstrap(Membership.ofVoters("n1", "n2", "n3")), seed);
        int ticks = 0;
        while (n.softState().role() == Role.FOLLOWER) {
            n.tick();
            ticks++;
        }
        return ticks;
    }

    @Test
    @DisplayName("§5.2 a candidate with votes from a majority becomes leader; one vote per term")
    void majorityWins() {
        TestCluster c = TestCluster.of(5, RaftPaperTest::plain);
        assertThat(c.elect("n1")).isTrue();
        assertThat(c.leader()).isEqualTo("n1");
        RaftNode n2 = c.node("n2");
        long term = n2.softState().term();
        n2.step(new RequestVote("n3", "n2", term, 100, term, false, false));
        Ready r = n2.ready();
        assertThat(r.messages()).contains(new RequestVoteResponse("n2", "n3", term, false, false));
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("§5.2 a candidate that hears AppendEntries from a leader of its term becomes follower")
    void candidateRecognizesLeader() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.campaign();
        n.advance(n.ready());
        n.step(new AppendEntries("n2", "n1", 1, 0, 0, List.of(), 0));
        assertThat(n.softState()).isEqualTo(new SoftState(Role.FOLLOWER, "n2", 1));
    }

    @Test
    @DisplayName("§5.2 a candidate rejected by a majority goes back to follower")
    void candidateLoses() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.campaign();
        n.advance(n.ready());
        n.step(new RequestVoteResponse("n2", "n1", 1, false, false));
        n.step(new RequestVoteResponse("n3", "n1", 1, false, false));
        assertThat(n.softState().role()).isEqualTo(Role.FOLLOWER);
    }

    @Test
    @DisplayName("§5.3 an entry replicated on a majority is committed and applied everywhere in order")
    void replicationCommits() {
        TestCluster c = TestCluster.of(3, RaftPaperTest::plain);
        c.elect("n1");
        c.propose("n1", "a");
        c.propose("n1", "b");
        c.stabilize();
        c.tickAll(2); // heartbeats carry the commit index to followers
        for (String id : List.of("n1", "n2", "n3")) {
            assertThat(c.appliedCommands(id)).containsExactly("a", "b");
        }
        assertThat(c.violations).isEmpty();
    }

    @Test
    @DisplayName("§5.3 a follower rejects AppendEntries whose prevIndex/prevTerm it does not hold")
    void consistencyCheck() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.step(new AppendEntries("n2", "n1", 2, 0, 0, List.of(LogEntry.noop(1, 1),
                LogEntry.noop(2, 2)), 0));
        n.advance(n.ready());
        n.step(new AppendEntries("n2", "n1", 2, 2, 1, List.of(LogEntry.noop(2, 3)), 0));
        Ready r = n.ready();
        assertThat(r.entries()).isEmpty();
        assertThat(r.messages()).containsExactly(
                new AppendEntriesResponse("n1", "n2", 2, false, 2, 1, 1));
    }

    @Test
    @DisplayName("§5.3 a follower deletes a conflicting suffix and appends the leader's entries")
    void followerTruncatesConflict() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.step(new AppendEntries("n2", "n1", 2, 0, 0, List.of(LogEntry.noop(1, 1),
                LogEntry.noop(2, 2), LogEntry.noop(2, 3)), 1));
        n.advance(n.ready());
        n.step(new AppendEntries("n3", "n1", 3, 1, 1, List.of(LogEntry.noop(3, 2)), 1));
        Ready r = n.ready();
        assertThat(r.entries()).containsExactly(LogEntry.noop(3, 2));
        assertThat(n.status().lastIndex()).isEqualTo(2);
        assertThat(r.messages()).containsExactly(
                new AppendEntriesResponse("n1", "n3", 3, true, 2, 0, 0));
    }

    @Test
    @DisplayName("§5.4.1 a voter denies its vote to a candidate whose log is less up-to-date")
    void upToDateCheck() {
        RaftNode n = single("n1", Membership.ofVoters("n1", "n2", "n3"));
        n.step(new AppendEntries("n2", "n1", 2, 0, 0, List.of(LogEntry.noop(1, 1),
                LogEntry.noop(2, 2)), 0));
        n.advance(n.ready());
        n.step(new RequestVote("n3", "n1", 3, 5, 1, false, false)); // longer but older term
        n.step(new RequestVote("n2", "n1", 4, 2, 2, false, false)); // same last entry
        assertThat(n.ready().messages()).containsExactly(
                new RequestVoteResponse("n1", "n3", 3, false, false),
                new RequestVoteResponse("n1", "n2", 4, true, false));
    }

    @Test
    @DisplayName("§5.4.2 a leader commits only entries of its own term by counting replicas")
    void commitOnlyOwnTerm() {
        // n1 holds an entry of term 1 that nobody else has; it becomes leader of term 2.
        RaftNode n1 = new RaftNode(plain(RaftConfig.defaults("n1")), new PersistedState(
                new HardState(1, "n1", 0),
                new Snapshot(new SnapshotMeta(0, 0, Membership.ofVoters("n1", "n2", "n3")), null),
                List.of(new LogEntry(1, 1, EntryType.COMMAND, new byte[] {1}))), 3);
        n1.campaign();
        n1.advance(n1.ready());
        n1.step(new RequestVoteResponse("n2", "n1", 2, true, false));
        assertThat(n1.softState().role()).isEqualTo(Role.LEADER);
        n1.advance(n1.ready()); // persists the noop at index 2
        // n2 acknowledges index 1 only (the old-term entry): no commit.
        n1.step(new AppendEntriesResponse("n2", "n1", 2, true, 1, 0, 0));
        assertThat(n1.status().commit()).isZero();
        n1.step(new AppendEntriesResponse("n2", "n1", 2, true, 2, 0, 0));
        assertThat(n1.status().commit()).isEqualTo(2);
    }

    @Test
    @DisplayName("§8 a new leader appends a NOOP of its term first")
    void leaderAppendsNoop() {
        RaftNode n = single("n1", Membership.ofVoters("n1"));
        n.campaign();
        assertThat(n.softState().role()).isEqualTo(Role.LEADER);
        Ready r = n.ready();
        assertThat(r.entries()).containsExactly(LogEntry.noop(1, 1));
        n.advance(r);
        assertThat(n.ready().committedEntries()).containsExactly(LogEntry.noop(1, 1));
    }

    @Test
    @DisplayName("when_a_Ready_is_out_then_no_second_one_is_handed_out_and_only_it_can_be_advanced")
    void readyContract() {
        RaftNode n = single("n1", Membership.ofVoters("n1"));
        n.campaign();
        assertThat(n.hasReady()).isTrue();
        Ready r = n.ready();
        assertThat(n.hasReady()).isFalse();
        assertThatThrownBy(n::ready).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not advanced");
        assertThatThrownBy(() -> n.advance(new Ready(r.softState(), null, List.of(), null,
                List.of(), List.of(), List.of(), List.of(), List.of(), false, 0)))
                .isInstanceOf(IllegalStateException.class);
        n.advance(r);
        assertThat(n.hasReady()).isTrue(); // the noop is now committed
    }

    @Test
    @DisplayName("§5.3 proposing on a follower fails with a leader hint")
    void proposeOnFollower() {
        TestCluster c = TestCluster.of(3, RaftPaperTest::plain);
        c.elect("n1");
        assertThatThrownBy(() -> c.propose("n2", "x"))
                .isInstanceOfSatisfying(NotLeaderException.class,
                        e -> assertThat(e.leaderHint()).isEqualTo("n1"));
    }
}
