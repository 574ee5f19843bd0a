package io.raftkv.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, in order, one at a time (each healed before the next, as etcd's robustness
 * suite does), with quiet time between them so the cluster can recover and show throughput.
 *
 * @param steps the faults
 */
public record Schedule(List<ScheduledFault> steps) {

    public Schedule {
        steps = List.copyOf(steps);
    }

    /**
     * The fixed schedule of the CI run: every fault kind once, 6 s each (membership 12 s)
     * with 2 s quiet before, about 100 s in all.
     */
    public static Schedule fixed() {
        List<ScheduledFault> steps = new ArrayList<>();
        for (FaultKind kind : List.of(FaultKind.PARTITION_HALVES, FaultKind.KILL_LEADER, FaultKind.ISOLATE_LEADER,
                FaultKind.PAUSE, FaultKind.DELAY, FaultKind.ONE_WAY_LEADER, FaultKind.MEMBERSHIP, FaultKind.DROP,
                FaultKind.PAUSE_LEADER, FaultKind.PARTITION_BRIDGE, FaultKind.KILL, FaultKind.KILL_ALL)) {
            Duration length = kind == FaultKind.MEMBERSHIP ? Duration.ofSeconds(12) : Duration.ofSeconds(6);
            steps.add(new ScheduledFault(Duration.ofSeconds(2), kind, length));
        }
        return new Schedule(steps);
    }

    /**
     * A random schedule filling {@code total}: random kinds, each held 4-15 s after 2-8 s of quiet.
     *
     * @param random the source of choices (seeded, so a run can be repeated)
     */
    public static Schedule random(Random random, Duration total) {
        List<ScheduledFault> steps = new ArrayList<>();
        FaultKind[] kinds = FaultKind.values();
        long left = total.toMillis();
        while (true) {
            long quiet = 2000 + random.nextInt(6001);
            FaultKind kind = kinds[random.nextInt(kinds.length)];
            long length = kind == FaultKind.MEMBERSHIP ? 10_000 + random.nextInt(10_001) : 4000 + random.nextInt(11_001);
            if (quiet + length > left) {
                return new Schedule(steps);
            }
            steps.add(new ScheduledFault(Duration.ofMillis(quiet), kind, Duration.ofMillis(length)));
            left -= quiet + length;
        }
    }

    /** Only partitions of one follower, for short negative-control runs. */
    public static Schedule followerPartitions(int times) {
        List<ScheduledFault> steps = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            steps.add(new ScheduledFault(Duration.ofSeconds(2), FaultKind.PARTITION_HALVES, Duration.ofSeconds(5)));
        }
        return new Schedule(steps);
    }

    /** Power losses only (every node SIGKILLed at once), for the ack-before-sync negative control. */
    public static Schedule powerLosses(int times) {
        List<ScheduledFault> steps = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            steps.add(new ScheduledFault(Duration.ofSeconds(4), FaultKind.KILL_ALL, Duration.ofSeconds(1)));
        }
        return new Schedule(steps);
    }

    /** Total time of the schedule. */
    public Duration length() {
        Duration d = Duration.ZERO;
        for (ScheduledFault s : steps) {
            d = d.plus(s.quietBefore()).plus(s.length());
        }
        return d;
    }
}
