package io.raftkv.node.sim;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.PersistedState;
import io.raftkv.node.raft.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable storage of one simulated node: exactly what the driver persisted from the core's
 * {@link io.raftkv.node.raft.Ready}s, and nothing of the core's memory. A crash keeps this and loses
 * everything else; a restart builds a new core from {@link #toPersistedState()}.
 *
 * <p>Not thread-safe.
 */
final class SimDisk {

    /** Last persisted hard state; its term, vote-in-term and commit never go backwards. */
    private HardState hardState = HardState.INITIAL;

    /** Latest snapshot installed or taken; covers indexes 1..snapshot.meta().index(). */
    private Snapshot snapshot;

    /** Entries from snapshot index + 1 on, consecutive. */
    private final ArrayList<LogEntry> entries = new ArrayList<>();

    SimDisk(PersistedState initial) {
        snapshot = initial.snapshot();
        hardState = initial.hardState();
        entries.addAll(initial.entries());
    }

    /** A fresh disk for a member of a new cluster of {@code initial}. */
    static SimDisk bootstrap(Membership initial) {
        return new SimDisk(PersistedState.bootstrap(initial));
    }

    HardState hardState() {
        return hardState;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    long snapshotIndex() {
        return snapshot.meta().index();
    }

    /** Index of the last persisted entry, or the snapshot index if the log is empty. */
    long lastIndex() {
        return snapshotIndex() + entries.size();
    }

    /**
     * Term of the entry at {@code index}: the snapshot's term at its index, 0 at index 0, and -1
     * if the entry is compacted away or not present.
     */
    long termAt(long index) {
        if (index == snapshotIndex()) {
            return snapshot.meta().term();
        }
        LogEntry e = entry(index);
        return e == null ? -1 : e.term();
    }

    /** The persisted entry at {@code index}, or null if compacted into the snapshot or absent. */
    LogEntry entry(long index) {
        long offset = index - snapshotIndex() - 1;
        if (offset < 0 || offset >= entries.size()) {
            return null;
        }
        return entries.get((int) offset);
    }

    /** Writes the hard state (the caller checked it does not regress). */
    void saveHardState(HardState state) {
        hardState = state;
    }

    /**
     * Appends {@code batch} after deleting the stored log from its first index on (a conflicting
     * suffix the leader overrode, §5.3).
     *
     * @throws IllegalStateException if the batch would leave a gap or overwrite the snapshot
     */
    void append(List<LogEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long first = batch.get(0).index();
        if (first <= snapshotIndex() || first > lastIndex() + 1) {
            throw new IllegalStateException("entries from index " + first
                    + " do not fit a log holding snapshot up to " + snapshotIndex()
                    + " and entries up to " + lastIndex());
        }
        truncateFrom(first);
        entries.addAll(batch);
    }

    /**
     * Installs a snapshot received from a leader: entries up to its index are dropped; entries
     * after it are kept only if the log agrees with the snapshot at its index (§7: "if existing log
     * entry has same index and term as snapshot's last included entry, retain log entries following
     * it"), otherwise the whole log is discarded.
     */
    void installSnapshot(Snapshot received) {
        long index = received.meta().index();
        boolean keepSuffix = termAt(index) == received.meta().term() && index >= snapshotIndex();
        List<LogEntry> suffix = new ArrayList<>();
        if (keepSuffix) {
            for (long i = index + 1; i <= lastIndex(); i++) {
                suffix.add(entry(i));
            }
        }
        snapshot = received;
        entries.clear();
        entries.addAll(suffix);
    }

    /** Records a snapshot this node took itself at or below its applied index; compacts the log. */
    void compactTo(Snapshot taken) {
        long index = taken.meta().index();
        if (index <= snapshotIndex()) {
            return;
        }
        if (termAt(index) != taken.meta().term()) {
            throw new IllegalStateException("snapshot at " + index + " term " + taken.meta().term()
                    + " does not match the persisted log (term " + termAt(index) + ")");
        }
        List<LogEntry> suffix = new ArrayList<>(entries.subList((int) (index - snapshotIndex()), entries.size()));
        snapshot = taken;
        entries.clear();
        entries.addAll(suffix);
    }

    /** What a restarted core reads back. */
    PersistedState toPersistedState() {
        return new PersistedState(hardState, snapshot, entries);
    }

    private void truncateFrom(long index) {
        int keep = (int) (index - snapshotIndex() - 1);
        while (entries.size() > keep) {
            entries.remove(entries.size() - 1);
        }
    }
}
