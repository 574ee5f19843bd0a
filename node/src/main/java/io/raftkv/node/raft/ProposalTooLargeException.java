package io.raftkv.node.raft;

/** A proposal's payload exceeds {@link RaftConfig#maxProposalBytes()}; split it. */
public final class ProposalTooLargeException extends RaftException {

    /**
     * @param size the proposal's payload bytes
     * @param limit the configured maximum
     */
    public ProposalTooLargeException(long size, long limit) {
        super("proposal of " + size + " bytes exceeds the limit of " + limit
                + " bytes (maxProposalBytes); split it into smaller commands");
    }
}
