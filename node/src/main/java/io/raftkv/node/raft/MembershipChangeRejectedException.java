package io.raftkv.node.raft;

/**
 * A membership change cannot be made now or at all: another change is still uncommitted, the
 * leader has not committed an entry of its term yet (thesis §4.1 bug fix), or the change does
 * not apply to the current membership. The message says which.
 */
public final class MembershipChangeRejectedException extends RaftException {

    /** @param message why, and when to retry if retrying can help */
    public MembershipChangeRejectedException(String message) {
        super(message);
    }
}
