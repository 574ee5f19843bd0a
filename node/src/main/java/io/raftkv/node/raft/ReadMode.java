package io.raftkv.node.raft;

/** How the leader confirms it is still leader before serving a linearizable read. */
public enum ReadMode {
    /**
     * ReadIndex (thesis §6.4): one heartbeat round acknowledged by a majority confirms leadership
     * for every read waiting when the round started. Safe without any clock assumption.
     */
    SAFE,
    /**
     * Lease read (thesis §6.4.1): the leader serves at once while it heard from a majority within
     * the last election timeout. Needs check-quorum, and assumes clocks (tick rates) drift by a
     * bounded amount so that no other node can be elected before the lease ends: the lease is
     * shorter than the minimum election timeout counted on any other node. Unsafe under
     * unbounded process pauses or clock jumps.
     */
    LEASE
}
