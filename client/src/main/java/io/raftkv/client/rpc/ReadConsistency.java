package io.raftkv.client.rpc;

import io.raftkv.client.protocol.ProtocolException;

/**
 * How fresh a read must be. Codes are stable on the wire; new levels are only ever added.
 */
public enum ReadConsistency {
    /**
     * Linearizable via ReadIndex (Raft thesis §6.4): the leader confirms with a majority that it
     * is still leader, waits until it has applied up to its commit index, then reads. Served by
     * the leader only; a follower answers NOT_LEADER.
     */
    LINEARIZABLE(1),
    /**
     * Linearizable under a bounded-clock-drift assumption (thesis §6.4.1): the leader reads at
     * once while its lease from the last majority heartbeat holds. Leader only.
     */
    LEASE(2),
    /**
     * Whatever the answering node has applied, leader or not: may miss recent writes, never
     * shows uncommitted ones. Any node answers.
     */
    STALE(3);

    /** Wire code, 1..255; 0 is never used so a zeroed body is malformed. */
    private final int code;

    ReadConsistency(int code) {
        this.code = code;
    }

    /** The wire code, 1..255. */
    public int code() {
        return code;
    }

    /**
     * The level with this wire code.
     *
     * @throws ProtocolException MALFORMED_BODY if no level has this code
     */
    public static ReadConsistency fromCode(int code) throws ProtocolException {
        for (ReadConsistency c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY,
                "read consistency code " + code + " is not LINEARIZABLE (1), LEASE (2) or STALE (3)");
    }
}
