package io.raftkv.node.storage;

/**
 * What a written or restored snapshot covers.
 *
 * @param index   the last applied index it contains (Raft §7 "last included index")
 * @param term    that entry's term
 * @param records data and meta records in it
 * @param bytes   its size in bytes
 */
public record SnapshotInfo(long index, long term, long records, long bytes) {
}
