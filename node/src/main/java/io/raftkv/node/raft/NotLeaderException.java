package io.raftkv.node.raft;

/** This node is not the leader; retry on {@link #leaderHint()} if known. */
public final class NotLeaderException extends RaftException {

    private final String leaderHint;

    /**
     * @param self this node's id
     * @param leaderHint the leader it follows, or null if none is known
     */
    public NotLeaderException(String self, String leaderHint) {
        super(self + " is not the leader; "
                + (leaderHint == null ? "no leader is known yet, retry shortly"
                        : "retry on " + leaderHint));
        this.leaderHint = leaderHint;
    }

    /** The leader this node follows, or null if none is known. */
    public String leaderHint() {
        return leaderHint;
    }
}
