package io.raftkv.node.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The replicated key-value state machine and its snapshots.
 *
 * <p>Threads: {@link #apply}, {@link #writeSnapshot}, {@link #compact} and {@link #restore} are
 * serialized by the store (call them from the apply thread); reads ({@link #get}, {@link #scan},
 * {@link #appliedIndex}) may run from any thread at any time and never block apply (they take no
 * locks: READ_COMMITTED). All methods block on disk I/O and throw {@link StorageException} on JE
 * failure or corruption.
 */
public interface StateStore {

    /**
     * Applies the committed entries {@code (appliedIndex(), upToIndex]} in ONE transaction: moves
     * them from {@code unstable} to {@code committed}, applies COMMAND payloads to {@code data}
     * (NOOP and CONFIG entries only move; a CONFIG payload becomes the stored membership) and
     * advances the applied index and term. A crash at any point leaves either all of it or none
     * of it, so every entry is applied exactly once.
     *
     * @param upToIndex at most the saved commit index and {@link LogStore#lastIndex()}; at or below
     *                  {@code appliedIndex()} it is a no-op returning an empty list
     * @return one result per applied entry, in index order
     * @throws IllegalArgumentException if {@code upToIndex} is past the commit index
     */
    List<AppliedEntry> apply(long upToIndex);

    /** Index of the last applied entry, 0 if none. Never blocks. */
    long appliedIndex();

    /** Term of the last applied entry, 0 if none. Never blocks. */
    long appliedTerm();

    /** The latest applied membership, if any. */
    Optional<StoredMembership> membership();

    /** The key's value and versions, or empty. Reads the latest applied state. */
    Optional<KeyValue> get(byte[] key);

    /** One page of a range scan over the latest applied state; see {@link ScanRequest}. */
    ScanPage scan(ScanRequest request);

    /**
     * Writes the state as of {@link #appliedIndex()} ({@code data} and the shared part of
     * {@code meta}: membership, sessions) to {@code out}. Apply waits while the snapshot is
     * written; appends go on. Does not close {@code out}.
     *
     * @throws StorageException if writing to {@code out} fails (wrapped IOException) or JE fails
     */
    SnapshotInfo writeSnapshot(OutputStream out);

    /**
     * Replaces {@code data} and the shared part of {@code meta} with a snapshot from
     * {@link #writeSnapshot}, in one synced transaction: all or nothing. Clears {@code committed};
     * keeps the {@code unstable} entries after the snapshot index only if the entry at that index
     * has the snapshot's term (Raft §7), otherwise discards them. The commit index is raised to
     * the snapshot index if lower.
     *
     * @throws IllegalArgumentException if the snapshot is older than {@link #appliedIndex()}
     * @throws StorageException         if the stream is malformed or its checksum fails; nothing changed
     */
    SnapshotInfo restore(InputStream in);

    /**
     * Drops log entries {@code <= upToIndex} from {@code committed}, in chunks of
     * {@link StorageConfig#compactionChunk()} per transaction; afterwards
     * {@link LogStore#firstIndex()} is {@code upToIndex + 1} and {@code term(upToIndex)} still answers.
     *
     * @param upToIndex at most {@link #appliedIndex()}; below {@code firstIndex()} it is a no-op
     * @throws IllegalArgumentException if {@code upToIndex > appliedIndex()}
     */
    void compact(long upToIndex);
}
