package io.raftkv.node.raft;

/** A leadership transfer cannot start: the target is not a voter, or this node is not leader. */
public final class LeadershipTransferRejectedException extends RaftException {

    /** @param message why, naming the target and the voters */
    public LeadershipTransferRejectedException(String message) {
        super(message);
    }
}
