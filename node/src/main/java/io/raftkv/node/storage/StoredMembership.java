package io.raftkv.node.storage;

/**
 * The latest membership the state machine has applied, as opaque bytes (the Raft core encodes
 * it). Kept in {@code meta} and carried by snapshots.
 *
 * @param index the log index of the CONFIG entry (0 for the bootstrap membership)
 * @param bytes the encoded membership; not copied
 */
public record StoredMembership(long index, byte[] bytes) {
}
