package io.raftkv.node.raft;

import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What one test node has durably stored, updated the way the server must update it from a
 * {@link Ready}. Restarting a node from it drops everything that was never persisted.
 */
final class MemoryStorage {

    HardState hardState = HardState.INITIAL;
    Snapshot snapshot;
    final List<LogEntry> entries = new ArrayList<>();

    MemoryStorage(Snapshot initial) {
        this.snapshot = initial;
    }

    void installSnapshot(Snapshot s) {
        snapshot = s;
        entries.clear();
    }

    void persist(HardState hs, List<LogEntry> newEntries) {
        if (hs != null) {
            hardState = hs;
        }
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        long base = snapshot.meta().index();
        int keep = (int) Math.max(0, Math.min(entries.size(), first - base - 1));
        entries.subList(keep, entries.size()).clear();
        for (LogEntry e : newEntries) {
            if (e.index() > base) {
                entries.add(e);
            }
        }
    }

    /** A local snapshot replaces the stored prefix up to its index. */
    void compactTo(Snapshot s) {
        long drop = s.meta().index() - snapshot.meta().index();
        entries.subList(0, (int) Math.min(drop, entries.size())).clear();
        snapshot = s;
    }

    PersistedState restore() {
        return new PersistedState(hardState, snapshot, entries);
    }
}
