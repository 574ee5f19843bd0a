package io.raftkv.node.sim;

/**
 * What one simulation run did and found.
 *
 * @param seed            the run's seed
 * @param violation       the first violation, or null if every check passed
 * @param traceHash       hash of every event of the run; equal for two runs of one seed and config
 * @param ticks           ticks simulated, all phases together
 * @param messages        messages delivered
 * @param leaderElections times a node became leader of a new term
 * @param committed       highest index known committed at the end
 * @param opsCompleted    client operations that got an answer
 * @param opsUnknown      client writes whose outcome stayed unknown
 * @param crashes         node crashes injected
 * @param partitions      partitions injected
 * @param membershipChanges membership changes proposed
 * @param transfers       leadership transfers started
 */
public record SimResult(long seed, Violation violation, long traceHash, long ticks, long messages,
        long leaderElections, long committed, long opsCompleted, long opsUnknown, long crashes,
        long partitions, long membershipChanges, long transfers) {

    /** Whether the run found nothing wrong. */
    public boolean ok() {
        return violation == null;
    }

    /** A one-line summary for logs. */
    public String summary() {
        return "seed=" + seed + " ticks=" + ticks + " messages=" + messages + " elections="
                + leaderElections + " committed=" + committed + " ops=" + opsCompleted + "+"
                + opsUnknown + "?" + " crashes=" + crashes + " partitions=" + partitions
                + " membership=" + membershipChanges + " transfers=" + transfers
                + " trace=" + Long.toHexString(traceHash) + (ok() ? " ok" : " VIOLATION " + violation);
    }
}
