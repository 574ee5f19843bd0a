package io.raftkv.node.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RaftLogTest {

    private static final Membership M = Membership.ofVoters("n1", "n2", "n3");

    private static RaftLog log(long... terms) {
        LogEntry[] es = new LogEntry[terms.length];
        for (int i = 0; i < terms.length; i++) {
            es[i] = LogEntry.noop(terms[i], i + 1);
        }
        return new RaftLog(new Snapshot(new SnapshotMeta(0, 0, M), null), List.of(es), 0);
    }

    @Test
    @DisplayName("when_restored_commit_is_past_the_log_then_restore_fails_with_the_cause")
    void commitPastLog() {
        assertThatThrownBy(() -> new RaftLog(new Snapshot(new SnapshotMeta(0, 0, M), null),
                List.of(LogEntry.noop(1, 1)), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lost acknowledged entries");
    }

    @Test
    @DisplayName("§5.4.1 up-to-date compares last terms first, then lengths")
    void upToDate() {
        RaftLog l = log(1, 2, 2);
        assertThat(l.isUpToDate(3, 2)).isTrue();
        assertThat(l.isUpToDate(2, 2)).isFalse();
        assertThat(l.isUpToDate(1, 3)).isTrue();
        assertThat(l.isUpToDate(9, 1)).isFalse();
    }

    @Test
    @DisplayName("§5.3 appending after a match skips held entries, truncates at the first conflict")
    void appendAfterMatch() {
        RaftLog l = log(1, 1, 1, 2);
        assertThat(l.appendAfterMatch(List.of(LogEntry.noop(1, 2), LogEntry.noop(1, 3))))
                .isEqualTo(-1);
        assertThat(l.lastIndex()).isEqualTo(4);
        assertThat(l.appendAfterMatch(List.of(LogEntry.noop(1, 3), LogEntry.noop(3, 4),
                LogEntry.noop(3, 5)))).isEqualTo(4);
        assertThat(l.lastIndex()).isEqualTo(5);
        assertThat(l.term(4)).isEqualTo(3);
        assertThat(l.stable()).isEqualTo(3);
    }

    @Test
    @DisplayName("§5.4 overwriting a committed entry is refused as a safety breach")
    void committedNeverOverwritten() {
        RaftLog l = log(1, 1, 2);
        l.commitTo(3);
        assertThatThrownBy(() -> l.appendAfterMatch(List.of(LogEntry.noop(3, 3))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Leader Completeness");
    }

    @Test
    @DisplayName("§5.3 the conflict hint skips every entry of a newer term")
    void findConflictByTerm() {
        RaftLog l = log(1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
        assertThat(l.findConflictByTerm(10, 3)).isEqualTo(3);
        assertThat(l.findConflictByTerm(10, 6)).isEqualTo(10);
        assertThat(l.findConflictByTerm(7, 4)).isEqualTo(5);
        assertThat(l.findConflictByTerm(20, 0)).isZero();
    }

    @Test
    @DisplayName("§7 compaction keeps terms answerable at the base and forgets below it")
    void compaction() {
        RaftLog l = log(1, 1, 2, 2, 3);
        l.commitTo(4);
        l.compact(new SnapshotMeta(3, 2, M));
        assertThat(l.firstIndex()).isEqualTo(4);
        assertThat(l.term(3)).isEqualTo(2);
        assertThat(l.term(2)).isEqualTo(-1);
        assertThat(l.slice(4, 5, 10, 1 << 20)).extracting(LogEntry::index).containsExactly(4L, 5L);
    }

    @Test
    @DisplayName("messages carry at most maxCount entries and about maxBytes, but always one")
    void sliceLimits() {
        RaftLog l = new RaftLog(new Snapshot(new SnapshotMeta(0, 0, M), null), List.of(
                new LogEntry(1, 1, EntryType.COMMAND, new byte[100]),
                new LogEntry(1, 2, EntryType.COMMAND, new byte[100]),
                new LogEntry(1, 3, EntryType.COMMAND, new byte[100])), 0);
        assertThat(l.slice(1, 3, 2, 1 << 20)).hasSize(2);
        assertThat(l.slice(1, 3, 10, 250)).hasSize(2);
        assertThat(l.slice(1, 3, 10, 1)).hasSize(1);
    }

    @Test
    @DisplayName("thesis §4.1 the membership in force is the latest CONFIG entry, else the base's")
    void membershipAt() {
        Membership four = new Membership(M.voters(), java.util.Set.of("n4"));
        RaftLog l = new RaftLog(new Snapshot(new SnapshotMeta(0, 0, M), null), List.of(
                LogEntry.noop(1, 1), new LogEntry(1, 2, EntryType.CONFIG, four.toBytes()),
                LogEntry.noop(1, 3)), 0);
        assertThat(l.membershipAt(1)).isEqualTo(M);
        assertThat(l.membershipAt(3)).isEqualTo(four);
        assertThat(l.lastConfigIndex()).isEqualTo(2);
    }
}
