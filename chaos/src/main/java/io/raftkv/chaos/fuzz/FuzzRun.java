package io.raftkv.chaos.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs targets round robin until a deadline or a try budget, each in slices sized to its speed,
 * and tallies tries and failures per target. The seed of try {@code n} of a target is
 * {@link #seedOf(long, String, long)}, so a failure is replayed from the run's seed, the
 * target's name and the try number alone. Single-threaded.
 */
public final class FuzzRun {

    /** What one target did. */
    public record Tally(String target, long tries, long failures, List<FuzzFailure> firstFailures) {
    }

    private FuzzRun() {
    }

    /** The seed of try {@code n} of {@code target} in a run seeded with {@code runSeed}. */
    public static long seedOf(long runSeed, String target, long n) {
        long h = runSeed * 0x9E3779B97F4A7C15L + target.hashCode() * 0xC2B2AE3D27D4EB4FL + n;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    /**
     * Runs until {@code deadlineNanos} (System.nanoTime) or until every target made
     * {@code maxTries} tries, whichever comes first.
     *
     * @param maxTries per target; {@link Long#MAX_VALUE} for time only
     */
    public static List<Tally> run(List<FuzzTarget> targets, long runSeed, long deadlineNanos, long maxTries) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, List<FuzzFailure>> failures = new LinkedHashMap<>();
        for (FuzzTarget t : targets) {
            counts.put(t.name(), new long[2]);
            failures.put(t.name(), new ArrayList<>());
        }
        boolean more = true;
        while (more && System.nanoTime() < deadlineNanos) {
            more = false;
            for (FuzzTarget t : targets) {
                long[] c = counts.get(t.name());
                int slice = t instanceof CodecTarget ? 500 : 10;
                for (int i = 0; i < slice && c[0] < maxTries; i++) {
                    long seed = seedOf(runSeed, t.name(), c[0]);
                    c[0]++;
                    try {
                        t.tryOnce(seed);
                    } catch (FuzzFailure f) {
                        c[1]++;
                        if (failures.get(t.name()).size() < 3) {
                            failures.get(t.name()).add(f);
                        }
                    }
                }
                more |= c[0] < maxTries;
                if (System.nanoTime() >= deadlineNanos) {
                    break;
                }
            }
        }
        List<Tally> out = new ArrayList<>();
        for (FuzzTarget t : targets) {
            long[] c = counts.get(t.name());
            out.add(new Tally(t.name(), c[0], c[1], List.copyOf(failures.get(t.name()))));
        }
        return out;
    }
}
