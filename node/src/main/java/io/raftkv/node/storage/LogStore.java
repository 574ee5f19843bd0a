package io.raftkv.node.storage;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.util.List;

/**
 * The durable Raft log and hard state (Raft §5, Figure 2 "persistent state on all servers").
 *
 * <p>Threads: the write methods are called by one thread at a time (the Raft loop); the read
 * methods may be called from any thread, concurrently with writes and with apply. Every write
 * is synced to disk (JE {@code SYNC}: write and fsync) before it returns, so the caller may then
 * acknowledge what it wrote. All methods block on disk I/O. Any JE failure is thrown as a
 * {@link StorageException} and leaves the store unusable (fail closed).
 *
 * <p>Indexes: the log holds {@code [firstIndex(), lastIndex()]}; {@code firstIndex() - 1} is the
 * last compacted (snapshot) index and its term stays known. An empty log has
 * {@code lastIndex() == firstIndex() - 1}.
 */
public interface LogStore {

    /**
     * Appends entries, replacing any stored entries from {@code entries.get(0).index()} on (a
     * conflicting suffix, §5.3), in one transaction with one fsync.
     *
     * @param entries consecutive entries, the first at an index in
     *                {@code [max(firstIndex(), commit + 1), lastIndex() + 1]}; empty = no-op
     * @throws IllegalArgumentException if the entries have a gap or would overwrite a committed entry
     */
    void append(List<LogEntry> entries);

    /**
     * Deletes the entries {@code >= fromIndex}, synced.
     *
     * @param fromIndex in {@code [commit + 1, lastIndex() + 1]}: committed entries are never removed
     * @throws IllegalArgumentException if {@code fromIndex <= commit}
     */
    void truncateSuffix(long fromIndex);

    /**
     * Saves the hard state, synced.
     *
     * @throws IllegalArgumentException if term or commit would go backwards, a vote in the same
     *                                  term would change (§5.2), or commit passes the last index
     */
    void saveHardState(HardState hardState);

    /**
     * Saves the hard state and appends entries in ONE transaction with one fsync: what the Raft
     * loop persists per step. Same rules as {@link #saveHardState} and {@link #append}; the
     * truncation check uses the commit index stored before this call.
     */
    void saveHardStateAndAppend(HardState hardState, List<LogEntry> entries);

    /** The last saved hard state, {@link HardState#INITIAL} if none; never blocks. */
    HardState hardState();

    /** First stored index, at least 1. */
    long firstIndex();

    /** Last stored index, {@code firstIndex() - 1} when the log is empty. */
    long lastIndex();

    /**
     * The term of the entry at {@code index}.
     *
     * @param index in {@code [firstIndex() - 1, lastIndex()]}; 0 has term 0
     * @throws LogIndexUnavailableException if compacted or past the end
     */
    long term(long index);

    /**
     * Entries {@code [lo, hi)}, stopping before the total {@link LogEntry#sizeInBytes()} would
     * exceed {@code maxBytes}, but always at least one entry when {@code lo < hi}.
     *
     * @param lo       in {@code [firstIndex(), lastIndex() + 1]}
     * @param hi       in {@code [lo, lastIndex() + 1]}
     * @param maxBytes size budget, at least 0
     * @throws LogIndexUnavailableException if part of the range is compacted or past the end
     */
    List<LogEntry> entries(long lo, long hi, long maxBytes);
}
