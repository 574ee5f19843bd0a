package io.raftkv.node.raft;

/**
 * Switches that BREAK SAFETY ON PURPOSE, so tests and the simulator can show that they catch the
 * bug each one introduces. Never enable any in production: {@link #NONE} is the only sane value.
 *
 * @param commitEarlierTermsByCounting a leader commits entries of earlier terms by counting
 *     replicas, breaking §5.4.2 (Figure 8 then loses committed entries)
 * @param grantVotesWithoutLogCheck voters skip the up-to-date check of §5.4.1, so a candidate
 *     missing committed entries can win and overwrite them
 * @param brokenPreVote pre-votes are granted regardless of log and known leader, and a
 *     pre-candidate bumps its own term, so an isolated node deposes a healthy leader
 */
public record TestFaults(boolean commitEarlierTermsByCounting, boolean grantVotesWithoutLogCheck,
        boolean brokenPreVote) {

    /** No fault: the correct protocol. */
    public static final TestFaults NONE = new TestFaults(false, false, false);

    /** True if any switch is on. */
    public boolean any() {
        return commitEarlierTermsByCounting || grantVotesWithoutLogCheck || brokenPreVote;
    }
}
