package io.raftkv.node.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.PersistedState;
import io.raftkv.node.raft.Snapshot;
import io.raftkv.node.raft.SnapshotMeta;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulated disk keeps exactly what was persisted, as a restart reads it back. */
class SimDiskTest {

    private static final Membership THREE = Membership.ofVoters("n1", "n2", "n3");

    private static LogEntry e(long term, long index) {
        return new LogEntry(term, index, EntryType.COMMAND, new byte[] {(byte) term, (byte) index});
    }

    @Test
    @DisplayName("§5.3 appending from an index inside the log deletes the conflicting suffix first")
    void when_append_overlaps_then_suffix_is_replaced() {
        SimDisk d = SimDisk.bootstrap(THREE);
        d.append(List.of(e(1, 1), e(1, 2), e(1, 3)));
        d.append(List.of(e(2, 2)));
        assertThat(d.lastIndex()).isEqualTo(2);
        assertThat(d.entry(2)).isEqualTo(e(2, 2));
        assertThat(d.termAt(0)).isZero();
        assertThat(d.termAt(3)).isEqualTo(-1);
    }

    @Test
    @DisplayName("a batch that would leave a gap is refused")
    void when_append_leaves_gap_then_refused() {
        SimDisk d = SimDisk.bootstrap(THREE);
        assertThatThrownBy(() -> d.append(List.of(e(1, 2)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not fit");
    }

    @Test
    @DisplayName("§7 a received snapshot that matches the log keeps the entries after it")
    void when_snapshot_matches_log_then_suffix_is_kept() {
        SimDisk d = SimDisk.bootstrap(THREE);
        d.append(List.of(e(1, 1), e(1, 2), e(1, 3)));
        d.installSnapshot(new Snapshot(new SnapshotMeta(2, 1, THREE), new byte[0]));
        assertThat(d.snapshotIndex()).isEqualTo(2);
        assertThat(d.lastIndex()).isEqualTo(3);
        assertThat(d.entry(3)).isEqualTo(e(1, 3));
        assertThat(d.entry(2)).isNull();
        assertThat(d.termAt(2)).isEqualTo(1);
    }

    @Test
    @DisplayName("§7 a received snapshot that conflicts with the log discards the whole log")
    void when_snapshot_conflicts_then_log_is_discarded() {
        SimDisk d = SimDisk.bootstrap(THREE);
        d.append(List.of(e(1, 1), e(1, 2), e(1, 3)));
        d.installSnapshot(new Snapshot(new SnapshotMeta(2, 5, THREE), new byte[0]));
        assertThat(d.lastIndex()).isEqualTo(2);
    }

    @Test
    @DisplayName("a restart reads back hard state, snapshot and the entries after it")
    void when_restarted_then_persisted_state_is_returned() {
        SimDisk d = SimDisk.bootstrap(THREE);
        d.append(List.of(e(1, 1), e(1, 2), e(2, 3)));
        d.saveHardState(new HardState(2, "n1", 2));
        d.compactTo(new Snapshot(new SnapshotMeta(2, 1, THREE), new byte[] {7}));
        PersistedState state = d.toPersistedState();
        assertThat(state.hardState()).isEqualTo(new HardState(2, "n1", 2));
        assertThat(state.snapshot().meta().index()).isEqualTo(2);
        assertThat(state.entries()).containsExactly(e(2, 3));
        SimDisk copy = new SimDisk(state);
        assertThat(copy.lastIndex()).isEqualTo(3);
    }
}
