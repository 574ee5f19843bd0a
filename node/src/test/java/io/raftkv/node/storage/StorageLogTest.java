package io.raftkv.node.storage;

import static io.raftkv.node.storage.StorageFixtures.noops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageLogTest {

    @TempDir
    Path dir;

    private JeStorage open() {
        return JeStorage.open(dir, StorageConfig.forTests());
    }

    @Test
    void when_a_new_store_opens_then_the_log_is_empty_and_hard_state_initial() {
        try (JeStorage s = open()) {
            assertThat(s.firstIndex()).isEqualTo(1);
            assertThat(s.lastIndex()).isZero();
            assertThat(s.term(0)).isZero();
            assertThat(s.hardState()).isEqualTo(HardState.INITIAL);
            assertThat(s.appliedIndex()).isZero();
        }
    }

    @Test
    @DisplayName("§5.3 appended entries and hard state survive a restart; unstable is kept, not cleared")
    void when_the_store_restarts_then_unstable_entries_and_hard_state_are_kept() {
        List<LogEntry> entries = List.of(LogEntry.noop(1, 1),
                new LogEntry(1, 2, EntryType.COMMAND, new byte[] {1, 2, 3}),
                new LogEntry(2, 3, EntryType.CONFIG, new byte[] {9}));
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(2, "n2", 1), entries);
        }
        try (JeStorage s = open()) {
            assertThat(s.lastIndex()).isEqualTo(3);
            assertThat(s.entries(1, 4, Long.MAX_VALUE)).containsExactlyElementsOf(entries);
            assertThat(s.hardState()).isEqualTo(new HardState(2, "n2", 1));
            assertThat(s.term(3)).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("Figure 2: a hard state that only moves commit is not fsynced; entries, a term and a vote are")
    void when_only_the_commit_index_moves_then_no_fsync_is_paid() {
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(1, "n1", 0), noops(1, 1, 20));
            long before = s.logFsyncs();
            for (int c = 1; c <= 20; c++) {
                s.saveHardState(new HardState(1, "n1", c));
            }
            // JE's background flush (je.log.flushSyncInterval) may add one; one per save would be 20
            assertThat(s.logFsyncs() - before).isLessThan(2);

            long beforeTerm = s.logFsyncs();
            s.saveHardState(new HardState(2, null, 20));
            assertThat(s.logFsyncs()).isGreaterThan(beforeTerm);
            long beforeVote = s.logFsyncs();
            s.saveHardState(new HardState(2, "n2", 20));
            assertThat(s.logFsyncs()).isGreaterThan(beforeVote);
            long beforeAppend = s.logFsyncs();
            s.append(noops(2, 21, 21));
            assertThat(s.logFsyncs()).isGreaterThan(beforeAppend);
        }
        try (JeStorage s = open()) {
            assertThat(s.hardState()).isEqualTo(new HardState(2, "n2", 20));
        }
    }

    @Test
    @DisplayName("§5.3 an append at an existing index replaces the conflicting suffix in one transaction")
    void when_entries_conflict_then_the_suffix_is_replaced() {
        try (JeStorage s = open()) {
            s.append(noops(1, 1, 5));
            s.append(List.of(LogEntry.noop(2, 3), LogEntry.noop(2, 4)));
            assertThat(s.lastIndex()).isEqualTo(4);
            assertThat(s.entries(1, 5, Long.MAX_VALUE)).extracting(LogEntry::term).containsExactly(1L, 1L, 2L, 2L);
            assertThatThrownBy(() -> s.term(5)).isInstanceOfSatisfying(LogIndexUnavailableException.class,
                    e -> assertThat(e.compacted()).isFalse());
        }
    }

    @Test
    void when_the_suffix_is_truncated_then_it_is_gone_after_restart() {
        try (JeStorage s = open()) {
            s.append(noops(1, 1, 10));
            s.truncateSuffix(6);
            assertThat(s.lastIndex()).isEqualTo(5);
        }
        try (JeStorage s = open()) {
            assertThat(s.lastIndex()).isEqualTo(5);
            s.append(noops(3, 6, 6));
            assertThat(s.term(6)).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("§5.3 committed entries are never truncated or overwritten")
    void when_truncating_at_or_below_commit_then_it_is_refused() {
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(1, null, 4), noops(1, 1, 6));
            assertThatThrownBy(() -> s.truncateSuffix(4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("commit 4");
            assertThatThrownBy(() -> s.append(noops(2, 3, 3))).isInstanceOf(IllegalArgumentException.class);
            s.truncateSuffix(5);
            assertThat(s.lastIndex()).isEqualTo(4);
        }
    }

    @Test
    void when_an_append_leaves_a_gap_or_is_not_consecutive_then_it_is_refused() {
        try (JeStorage s = open()) {
            s.append(noops(1, 1, 2));
            assertThatThrownBy(() -> s.append(noops(1, 4, 4))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gap");
            assertThatThrownBy(() -> s.append(List.of(LogEntry.noop(1, 3), LogEntry.noop(1, 5))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive");
            assertThat(s.lastIndex()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("§5.2 hard state never goes backwards and a vote is not changed within a term")
    void when_hard_state_would_go_backwards_then_it_is_refused() {
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(3, "n1", 2), noops(1, 1, 3));
            assertThatThrownBy(() -> s.saveHardState(new HardState(2, null, 2)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.saveHardState(new HardState(3, "n1", 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.saveHardState(new HardState(3, "n2", 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one vote per term");
            assertThatThrownBy(() -> s.saveHardState(new HardState(3, "n1", 4)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the last index");
            s.saveHardState(new HardState(4, null, 3));
            assertThat(s.hardState()).isEqualTo(new HardState(4, null, 3));
        }
    }

    @Test
    void when_entries_are_read_with_a_byte_budget_then_at_least_one_is_returned() {
        try (JeStorage s = open()) {
            s.append(List.of(new LogEntry(1, 1, EntryType.COMMAND, new byte[100]),
                    new LogEntry(1, 2, EntryType.COMMAND, new byte[100]),
                    new LogEntry(1, 3, EntryType.COMMAND, new byte[100])));
            assertThat(s.entries(1, 4, 0)).hasSize(1);
            assertThat(s.entries(1, 4, 240)).hasSize(2);
            assertThat(s.entries(2, 2, 1000)).isEmpty();
            assertThatThrownBy(() -> s.entries(1, 5, 1000)).isInstanceOf(LogIndexUnavailableException.class);
        }
    }

    @Test
    void when_entries_are_applied_then_reads_span_committed_and_unstable() {
        try (JeStorage s = open()) {
            s.saveHardStateAndAppend(new HardState(1, null, 3), noops(1, 1, 6));
            s.apply(3);
            assertThat(s.entries(1, 7, Long.MAX_VALUE)).extracting(LogEntry::index)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }
}
