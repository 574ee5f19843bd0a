package io.raftkv.node.raft;

import io.raftkv.client.log.LogEntry;
import java.util.List;
import java.util.Objects;

/**
 * What a node restores at start: its hard state, its latest snapshot, and the log entries after
 * that snapshot, in order and without gaps.
 *
 * @param hardState the last persisted hard state, never null
 * @param snapshot the latest snapshot; a new cluster uses one at index 0 carrying the initial
 *     membership ({@link #bootstrap}), a joining node one with {@link Membership#EMPTY}
 * @param entries the entries from {@code snapshot.meta().index() + 1}, consecutive, never null
 */
public record PersistedState(HardState hardState, Snapshot snapshot, List<LogEntry> entries) {

    public PersistedState {
        Objects.requireNonNull(hardState, "hardState");
        Objects.requireNonNull(snapshot, "snapshot");
        entries = List.copyOf(entries);
        long expected = snapshot.meta().index() + 1;
        for (LogEntry e : entries) {
            if (e.index() != expected) {
                throw new IllegalArgumentException("restored log has a gap: expected index "
                        + expected + " but found " + e.index());
            }
            expected++;
        }
    }

    /** The state of a brand-new node of a new cluster whose first members are {@code initial}. */
    public static PersistedState bootstrap(Membership initial) {
        return new PersistedState(HardState.INITIAL,
                new Snapshot(new SnapshotMeta(0, 0, initial), new byte[0]), List.of());
    }

    /** The state of a brand-new node that will join an existing cluster as a learner. */
    public static PersistedState joining() {
        return bootstrap(Membership.EMPTY);
    }
}
