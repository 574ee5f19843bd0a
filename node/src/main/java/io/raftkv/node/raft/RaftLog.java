package io.raftkv.node.raft;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's log as the core sees it: a compacted prefix summarized by {@link #base()}, the
 * entries after it kept in memory, and the bookkeeping of what is persisted, committed and
 * applied. Not thread-safe; owned by one {@link RaftNode}.
 */
final class RaftLog {

    /** The compacted prefix: entries up to base.index are gone from memory. */
    private SnapshotMeta base;

    /** Entries base.index+1 .. lastIndex(); entries.get(i).index() == base.index + 1 + i. */
    private final List<LogEntry> entries = new ArrayList<>();

    /** Latest snapshot (to send to followers); its index is at least base.index. */
    private Snapshot snapshot;

    /** Invariant: base.index <= stable <= lastIndex(); entries up to stable are persisted. */
    private long stable;

    /** Invariant: applied <= commit <= lastIndex(); never decreases (§5.3, Figure 2). */
    private long commit;

    /** Invariant: base.index <= applied <= commit once any pending snapshot is installed. */
    private long applied;

    /** A snapshot received from the leader, not yet installed by the server; null if none. */
    private Snapshot pendingSnapshot;

    RaftLog(Snapshot snapshot, List<LogEntry> restored, long commit) {
        this.snapshot = snapshot;
        this.base = snapshot.meta();
        this.entries.addAll(restored);
        this.stable = lastIndex();
        long c = Math.max(commit, base.index());
        if (c > lastIndex()) {
            throw new IllegalArgumentException("restored commit index " + commit
                    + " is past the last restored entry " + lastIndex()
                    + ": the stored log lost acknowledged entries");
        }
        this.commit = c;
        this.applied = base.index();
    }

    SnapshotMeta base() {
        return base;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Snapshot pendingSnapshot() {
        return pendingSnapshot;
    }

    long firstIndex() {
        return base.index() + 1;
    }

    long lastIndex() {
        return base.index() + entries.size();
    }

    long lastTerm() {
        return entries.isEmpty() ? base.term() : entries.get(entries.size() - 1).term();
    }

    long stable() {
        return stable;
    }

    long commit() {
        return commit;
    }

    long applied() {
        return applied;
    }

    /** Term of the entry at {@code index}; -1 if compacted away or past the end. */
    long term(long index) {
        if (index == base.index()) {
            return base.term();
        }
        if (index < base.index() || index > lastIndex()) {
            return -1;
        }
        return entries.get((int) (index - base.index() - 1)).term();
    }

    LogEntry entry(long index) {
        return entries.get((int) (index - base.index() - 1));
    }

    boolean matchTerm(long index, long term) {
        return term(index) == term;
    }

    /** §5.4.1: a candidate's log is at least as up-to-date as this one. */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        return lastTerm > lastTerm() || (lastTerm == lastTerm() && lastIndex >= lastIndex());
    }

    /** Appends entries at the end (leader path). */
    void append(LogEntry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalStateException("append at " + entry.index() + " but last is "
                    + lastIndex());
        }
        entries.add(entry);
    }

    /**
     * Follower path (§5.3): {@code incoming} follows an entry that matched. Skips the entries
     * already held, truncates at the first conflict and appends the rest.
     *
     * @return the index of the first truncated entry, or -1 if nothing was truncated
     * @throws IllegalStateException if a committed entry would be overwritten (a safety breach)
     */
    long appendAfterMatch(List<LogEntry> incoming) {
        long truncatedAt = -1;
        for (LogEntry e : incoming) {
            if (e.index() <= base.index()) {
                continue;
            }
            if (e.index() <= lastIndex()) {
                if (term(e.index()) == e.term()) {
                    continue;
                }
                if (e.index() <= commit) {
                    throw new IllegalStateException("entry " + e.index() + " is committed with term "
                            + term(e.index()) + " but the leader sent term " + e.term()
                            + ": Leader Completeness (§5.4) is broken");
                }
                truncateFrom(e.index());
                truncatedAt = e.index();
            }
            entries.add(e);
        }
        return truncatedAt;
    }

    private void truncateFrom(long index) {
        int keep = (int) (index - base.index() - 1);
        entries.subList(keep, entries.size()).clear();
        stable = Math.min(stable, index - 1);
    }

    /**
     * Entries in [lo, hi] limited to {@code maxCount} entries and about {@code maxBytes} bytes
     * (at least one entry if any). Requires lo > base.index.
     */
    List<LogEntry> slice(long lo, long hi, int maxCount, long maxBytes) {
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = lo; i <= hi && out.size() < maxCount; i++) {
            LogEntry e = entry(i);
            if (!out.isEmpty() && bytes + e.sizeInBytes() > maxBytes) {
                break;
            }
            bytes += e.sizeInBytes();
            out.add(e);
        }
        return out;
    }

    /** Entries not yet persisted. */
    List<LogEntry> unstableEntries() {
        if (stable >= lastIndex()) {
            return List.of();
        }
        return List.copyOf(entries.subList((int) (stable - base.index()), entries.size()));
    }

    /** Committed entries not yet applied (nor handed out for a pending snapshot). */
    List<LogEntry> committedToApply() {
        long from = Math.max(applied, pendingSnapshot == null ? 0 : pendingSnapshot.meta().index());
        if (commit <= from) {
            return List.of();
        }
        return List.copyOf(entries.subList((int) (from - base.index()),
                (int) (commit - base.index())));
    }

    /**
     * Fast backtracking hint (§5.3): the largest index at or below {@code index} whose term is at
     * most {@code term}, or the base index if none in memory.
     */
    long findConflictByTerm(long index, long term) {
        long i = Math.min(index, lastIndex());
        while (i > base.index() && term(i) > term) {
            i--;
        }
        return i;
    }

    /** Raises commit; returns whether it moved. Never lowers it. */
    boolean commitTo(long index) {
        long target = Math.min(index, lastIndex());
        if (target > commit) {
            commit = target;
            return true;
        }
        return false;
    }

    /** The server persisted these entries: stable moves to the last one still in the log. */
    void stableTo(List<LogEntry> persisted) {
        for (int i = persisted.size() - 1; i >= 0; i--) {
            LogEntry e = persisted.get(i);
            if (term(e.index()) == e.term() && e.index() > stable) {
                // Entries after a truncation point were never in this list: the suffix rule
                // means everything below a matching entry still matches too.
                stable = e.index();
                return;
            }
        }
    }

    void appliedTo(long index) {
        if (index > commit || index < applied) {
            throw new IllegalStateException("applied " + index + " outside [" + applied + ", "
                    + commit + "]");
        }
        applied = index;
    }

    /**
     * Replaces the whole log with a snapshot from the leader (§7). The server installs it with
     * the next Ready.
     */
    void restore(Snapshot s) {
        entries.clear();
        base = s.meta();
        snapshot = s;
        pendingSnapshot = s;
        stable = s.meta().index();
        commit = s.meta().index();
    }

    /** The server installed the pending snapshot. */
    void snapshotInstalled(Snapshot s) {
        if (pendingSnapshot == s) {
            pendingSnapshot = null;
        }
        applied = Math.max(applied, s.meta().index());
    }

    /** Records a snapshot the server took locally. */
    void snapshotTaken(Snapshot s) {
        if (s.meta().index() > snapshot.meta().index()) {
            snapshot = s;
        }
    }

    /** Drops entries up to {@code index} from memory, summarizing them as {@code newBase}. */
    void compact(SnapshotMeta newBase) {
        long index = newBase.index();
        if (index <= base.index()) {
            return;
        }
        entries.subList(0, (int) (index - base.index())).clear();
        base = newBase;
    }

    /** Bytes of the entries in (from, to]. */
    long bytesBetween(long from, long to) {
        long bytes = 0;
        for (long i = Math.max(from, base.index()) + 1; i <= Math.min(to, lastIndex()); i++) {
            bytes += entry(i).sizeInBytes();
        }
        return bytes;
    }

    /** The latest CONFIG entry's membership at or below {@code index}, else the base's. */
    Membership membershipAt(long index) {
        for (long i = Math.min(index, lastIndex()); i > base.index(); i--) {
            LogEntry e = entry(i);
            if (e.type() == EntryType.CONFIG) {
                return Membership.fromBytes(e.payload());
            }
        }
        return base.membership();
    }

    /** Index of the latest CONFIG entry in memory, or the base index if none. */
    long lastConfigIndex() {
        for (long i = lastIndex(); i > base.index(); i--) {
            if (entry(i).type() == EntryType.CONFIG) {
                return i;
            }
        }
        return base.index();
    }
}
