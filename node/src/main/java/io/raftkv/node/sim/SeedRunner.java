package io.raftkv.node.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a range of seeds on a few worker threads. Each run is single-threaded and deterministic, so
 * the set of failures does not depend on the thread count or scheduling; they are returned in seed
 * order.
 */
public final class SeedRunner {

    private SeedRunner() {
    }

    /**
     * Runs seeds {@code first .. first + count - 1}.
     *
     * <p>Blocks until every seed ran. A run that throws (a simulator bug, or an Error) counts as a
     * failure with a {@link Violation.Kind#CORE_ERROR} violation; it never shrinks the failure count.
     *
     * @param first   the first seed
     * @param count   how many seeds, at least 1
     * @param config  the settings shared by every run
     * @param threads worker threads, at least 1
     * @param verbose where to print every run's summary line, or null
     * @return the failing runs, in seed order; empty if all passed
     * @throws InterruptedException if interrupted while waiting for the workers
     */
    public static List<SimResult> run(long first, long count, SimConfig config, int threads, PrintStream verbose)
            throws InterruptedException {
        if (count < 1 || threads < 1) {
            throw new IllegalArgumentException("count and threads must be at least 1, were " + count
                    + " and " + threads);
        }
        Map<Long, SimResult> failures = new ConcurrentSkipListMap<>();
        AtomicLong next = new AtomicLong(first);
        long end = first + count;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (long s = next.getAndIncrement(); s < end; s = next.getAndIncrement()) {
                    SimResult r = runOne(s, config, null);
                    if (verbose != null) {
                        synchronized (verbose) {
                            verbose.println(r.summary());
                        }
                    }
                    if (!r.ok()) {
                        failures.put(s, r);
                    }
                }
            }, "sim-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return new ArrayList<>(failures.values());
    }

    /** Runs one seed; a throw becomes a failed result instead of escaping. */
    static SimResult runOne(long seed, SimConfig config, PrintStream log) {
        try {
            return Simulation.run(seed, config, log);
        } catch (Throwable crash) {
            return new SimResult(seed, new Violation(seed, -1, Violation.Kind.CORE_ERROR,
                    "simulator crashed: " + crash), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }
}
