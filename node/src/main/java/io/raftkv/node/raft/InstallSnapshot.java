package io.raftkv.node.raft;

/**
 * The leader sends a snapshot to a follower whose next entry it has compacted away (§7).
 * The data is opaque to the core: in the simulator it is the serialized key-value state; a server
 * that streams snapshots on a side channel may send an empty array and ship the data itself.
 *
 * @param snapshot metadata (last included index, term, membership) and the data, never null
 */
public record InstallSnapshot(String from, String to, long term, Snapshot snapshot)
        implements Message {
}
