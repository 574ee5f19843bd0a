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
 */
record FaultProfile(double dropRate, double duplicateRate, int maxDelay, double crashRate,
        double restartRate, double partitionRate, double healRate, double membershipRate,
        double transferRate, double clientRate) {

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
        return new FaultProfile(drop, dup, delay, crash, restart, partition, heal, membership, transfer,
                client);
    }
}
