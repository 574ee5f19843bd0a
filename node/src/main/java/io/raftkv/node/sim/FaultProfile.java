package io.raftkv.node.sim;

import java.util.SplittableRandom;

/**
 * How hostile one run is, drawn from its seed (as TigerBeetle's VOPR does): some seeds get a calm
 * network and many crashes, others heavy loss and frequent partitions. All rates are per tick.
 *
 * @param dropRate       message loss probability while faults are on
 * @param duplicateRate  message duplication probability while faults are on
 * @param maxDelay       largest message delay in ticks (delays reorder messages)
 * @param crashRate      probability that a random running node crashes
 * @param restartRate    probability that a random crashed node restarts
 * @param partitionRate  probability that a new partition starts when none is active
 * @param healRate       probability that an active partition heals
 * @param membershipRate probability of trying a membership change on the leader
 * @param transferRate   probability of trying a leadership transfer
 * @param clientRate     probability that an idle client issues an operation
 * @param churnRate      probability per tick that a leader elected at most {@code churnAge} ticks
 *                       ago is crashed or cut off: young leaders that replicated to a minority
 *                       only, the raw material of Figure 8 (§5.4.2)
 * @param churnAge       see churnRate, in ticks
 * @param youngDropRate  probability that an AppendEntries carrying entries of the sender's own
 *                       term is lost while the sender has led for at most {@code youngAge} ticks:
 *                       a new leader then spreads earlier-term entries but not its own (the
 *                       Figure 8 window a broken commit rule falls into)
 * @param youngAge       see youngDropRate, in ticks
 * @param commitCrashRate probability that a leader crashes at the end of a tick in which its
 *                       commit index advanced: committed entries then live only on followers
 * @param restartOldest  probability that a restart picks the node that has been down longest
 *                       rather than a random one: an older deposed leader comes back before the
 *                       one that crashed after committing, as S5 does in Figure 8 (d)
 */
record FaultProfile(double dropRate, double duplicateRate, int maxDelay, double crashRate,
        double restartRate, double partitionRate, double healRate, double membershipRate,
        double transferRate, double clientRate, double churnRate, int churnAge,
        double youngDropRate, int youngAge, double commitCrashRate, double restartOldest) {

    /** Draws a profile; consumes a fixed number of values from {@code random}. */
    static FaultProfile draw(SplittableRandom random) {
        double drop = random.nextDouble() < 0.3 ? 0 : random.nextDouble() * 0.15;
        double dup = random.nextDouble() * 0.1;
        int delay = 1 + random.nextInt(4);
        double crash = random.nextDouble() * 0.004;
        double restart = 0.01 + random.nextDouble() * 0.03;
        double partition = random.nextDouble() * 0.015;
        double heal = 0.01 + random.nextDouble() * 0.04;
        double membership = random.nextDouble() * 0.004;
        double transfer = random.nextDouble() * 0.004;
        double client = 0.1 + random.nextDouble() * 0.4;
        // The nemesis mode: plain random faults (40%), plus leader churn (30%), or the sharp
        // "Figure 8" mode (30%) aimed at leaders that replicate to a minority.
        double mode = random.nextDouble();
        boolean churning = mode >= 0.4;
        boolean figure8 = mode >= 0.7;
        double churn = churning ? 0.05 + random.nextDouble() * 0.3 : 0;
        int churnAge = 1 + random.nextInt(4);
        double youngDrop = figure8 ? 0.5 + random.nextDouble() * 0.5 : 0;
        int youngAge = SimConfig.ELECTION_TICKS * (1 + random.nextInt(3));
        double commitCrash = figure8 ? 0.05 + random.nextDouble() * 0.25 : 0;
        double oldest = figure8 ? random.nextDouble() : 0;
        return new FaultProfile(drop, dup, delay, crash, restart, partition, heal, membership, transfer,
                client, churn, churnAge, youngDrop, youngAge, commitCrash, oldest);
    }
}
