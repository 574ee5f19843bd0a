package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.raft.Membership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each invariant of the checker fires on the situation it forbids, and stays quiet otherwise. */
class SafetyCheckerTest {

    private static final Membership THREE = Membership.ofVoters("n1", "n2", "n3");

    private final SafetyChecker checker = new SafetyChecker(99);

    private static LogEntry cmd(long term, long index, String text) {
        return new LogEntry(term, index, EntryType.COMMAND, text.getBytes());
    }

    private static SimDisk diskWith(LogEntry... entries) {
        SimDisk d = SimDisk.bootstrap(THREE);
        d.append(List.of(entries));
        return d;
    }

    @Test
    @DisplayName("§5.2 two leaders in one term is an election-safety violation")
    void when_two_leaders_share_a_term_then_violation() {
        checker.onLeader("n1", 3);
        checker.onLeader("n1", 3);
        checker.onLeader("n2", 4);
        assertThat(checker.first()).isNull();
        checker.onLeader("n3", 4);
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.ELECTION_SAFETY);
        assertThat(checker.first().seed()).isEqualTo(99);
    }

    @Test
    @DisplayName("term, vote-in-term and commit never go backwards")
    void when_hard_state_regresses_then_violation() {
        checker.onHardState("n1", new HardState(2, "n1", 5), new HardState(3, null, 5));
        assertThat(checker.first()).isNull();
        checker.onHardState("n1", new HardState(3, "n2", 5), new HardState(3, "n3", 5));
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.HARD_STATE_REGRESSION);
        assertThat(checker.first().message()).contains("changed its vote");
    }

    @Test
    @DisplayName("a lower commit after a higher one is a regression")
    void when_commit_goes_back_then_violation() {
        checker.onHardState("n2", new HardState(2, null, 7), new HardState(2, null, 6));
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.HARD_STATE_REGRESSION);
    }

    @Test
    @DisplayName("§5.3 the same (index, term) holding different entries breaks log matching")
    void when_same_index_and_term_hold_different_entries_then_violation() {
        SimDisk a = diskWith(cmd(1, 1, "x"));
        checker.onPersisted("n1", a, List.of(cmd(1, 1, "x")));
        SimDisk b = diskWith(cmd(1, 1, "x"));
        checker.onPersisted("n2", b, List.of(cmd(1, 1, "x")));
        assertThat(checker.first()).isNull();
        SimDisk c = diskWith(cmd(1, 1, "y"));
        checker.onPersisted("n3", c, List.of(cmd(1, 1, "y")));
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.LOG_MATCHING);
    }

    @Test
    @DisplayName("§5.3 a leader writing below its own last index breaks leader append-only")
    void when_leader_overwrites_own_log_then_violation() {
        checker.onLeaderWrite("n1", 2, 6, 5);
        assertThat(checker.first()).isNull();
        checker.onLeaderWrite("n1", 2, 4, 5);
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.LEADER_APPEND_ONLY);
    }

    @Test
    @DisplayName("§5.4.1 a new leader missing a committed entry breaks leader completeness")
    void when_new_leader_lacks_committed_entry_then_violation() {
        SimDisk committer = diskWith(cmd(1, 1, "x"));
        checker.onCommit("n1", committer, 0, 1, false, null, id -> null);
        checker.onNewLeader("n1", 2, committer);
        assertThat(checker.first()).isNull();
        checker.onNewLeader("n2", 3, diskWith(cmd(2, 1, "y")));
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.LEADER_COMPLETENESS);
    }

    @Test
    @DisplayName("§5.4.2 a leader committing what only a minority persisted breaks commit durability")
    void when_leader_commits_without_majority_on_disk_then_violation() {
        SimDisk leader = diskWith(cmd(1, 1, "x"));
        SimDisk empty = SimDisk.bootstrap(THREE);
        Map<String, SimDisk> disks = Map.of("n1", leader, "n2", empty, "n3", empty);
        checker.onCommit("n1", leader, 0, 1, true, THREE, disks::get);
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.COMMIT_DURABILITY);
    }

    @Test
    @DisplayName("§5.4.2 a leader committing what a majority persisted is fine")
    void when_leader_commits_with_majority_on_disk_then_no_violation() {
        SimDisk leader = diskWith(cmd(1, 1, "x"));
        SimDisk follower = diskWith(cmd(1, 1, "x"));
        Map<String, SimDisk> disks = Map.of("n1", leader, "n2", follower, "n3", SimDisk.bootstrap(THREE));
        checker.onCommit("n1", leader, 0, 1, true, THREE, disks::get);
        assertThat(checker.first()).isNull();
        assertThat(checker.committedIndex()).isEqualTo(1);
    }

    @Test
    @DisplayName("§5.4.3 different entries or states applied at one index break state-machine safety")
    void when_nodes_apply_differently_then_violation() {
        checker.onApply("n1", cmd(1, 1, "x"), 10);
        checker.onApply("n2", cmd(1, 1, "x"), 10);
        assertThat(checker.first()).isNull();
        checker.onApply("n3", cmd(1, 1, "x"), 11);
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.STATE_MACHINE_SAFETY);
    }

    @Test
    @DisplayName("a snapshot whose state differs from what was applied at its index is caught")
    void when_snapshot_state_differs_then_violation() {
        checker.onApply("n1", cmd(1, 1, "x"), 10);
        checker.onRestore("n2", 1, 10);
        assertThat(checker.first()).isNull();
        checker.onRestore("n3", 1, 12);
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.STATE_MACHINE_SAFETY);
    }

    @Test
    @DisplayName("a client command applied at two indexes was applied twice")
    void when_command_applied_at_two_indexes_then_violation() {
        checker.onCommand("n1", 7, 3);
        checker.onCommand("n2", 7, 3);
        assertThat(checker.first()).isNull();
        checker.onCommand("n2", 7, 4);
        assertThat(checker.first().kind()).isEqualTo(Violation.Kind.STATE_MACHINE_SAFETY);
    }

    @Test
    @DisplayName("only the first violation is kept")
    void when_many_violations_then_first_is_kept() {
        checker.setStep(5);
        checker.fail(Violation.Kind.LIVENESS, "first");
        checker.setStep(6);
        checker.fail(Violation.Kind.DISRUPTION, "second");
        assertThat(checker.first()).isEqualTo(new Violation(99, 5, Violation.Kind.LIVENESS, "first"));
    }
}
