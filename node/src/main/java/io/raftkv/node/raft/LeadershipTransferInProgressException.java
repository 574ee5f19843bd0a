package io.raftkv.node.raft;

/** The leader is handing leadership to another node and refuses proposals (thesis §3.10). */
public final class LeadershipTransferInProgressException extends RaftException {

    private final String target;

    /** @param target the node leadership is moving to */
    public LeadershipTransferInProgressException(String target) {
        super("leadership is being transferred to " + target
                + "; retry on the new leader, or here if the transfer times out");
        this.target = target;
    }

    /** The node leadership is moving to. */
    public String target() {
        return target;
    }
}
