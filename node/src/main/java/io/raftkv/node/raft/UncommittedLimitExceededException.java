package io.raftkv.node.raft;

/**
 * The leader holds too many uncommitted bytes (back-pressure, {@link
 * RaftConfig#maxUncommittedBytes()}): followers or disks are slower than proposals. Retry after
 * a short back-off.
 */
public final class UncommittedLimitExceededException extends RaftException {

    /**
     * @param uncommitted bytes already uncommitted
     * @param size bytes of the refused proposal (payload plus entry header)
     * @param limit the configured maximum
     */
    public UncommittedLimitExceededException(long uncommitted, long size, long limit) {
        super("leader already holds " + uncommitted + " uncommitted bytes; adding " + size
                + " would pass the limit of " + limit
                + " (maxUncommittedBytes); back off and retry");
    }
}
