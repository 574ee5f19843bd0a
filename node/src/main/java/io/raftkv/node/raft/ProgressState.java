package io.raftkv.node.raft;

/** How the leader replicates to one follower (etcd raft design: probe, replicate, snapshot). */
public enum ProgressState {
    /** Next index unknown: one AppendEntries per heartbeat until one is accepted. */
    PROBE,
    /** Optimistic pipelining, bounded by max in-flight messages and bytes. */
    REPLICATE,
    /** A snapshot is on its way; no entries are sent until it is acknowledged. */
    SNAPSHOT
}
