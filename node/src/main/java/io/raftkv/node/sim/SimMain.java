package io.raftkv.node.sim;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the deterministic simulator ({@code bin/raftkv sim}): runs a range of seeds,
 * prints every failing seed with its first violation, and ends with the line
 * {@code seeds=N violations=V}. Exit code 0 iff V is 0.
 *
 * <p>Seeds run on {@code --threads} threads (default: the number of cores); each run is
 * single-threaded and deterministic, so the output does not depend on the thread count.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Runs the deterministic Raft fault simulator over a range of seeds.")
public final class SimMain implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "1000", description = "How many seeds to run (default ${DEFAULT-VALUE}).")
    long seeds;

    @Option(names = "--seed", defaultValue = "1", description = "First seed (default ${DEFAULT-VALUE}); seeds run from here upwards.")
    long firstSeed;

    @Option(names = "--nodes", defaultValue = "3", description = "Initial voters: 3 or 5 (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--steps", defaultValue = "" + SimConfig.DEFAULT_STEPS,
            description = "Ticks of the fault phase per seed (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--break", description = "Turn on one unsafe core switch: commit-rule, vote-check or pre-vote.")
    String breakName;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--verbose", description = "Print a summary line for every seed.")
    boolean verbose;

    @Option(names = "--trace", description = "Print every event of the run (use with --seeds 1 to replay one seed).")
    boolean traceEvents;

    private final PrintStream out;

    public SimMain() {
        this(System.out);
    }

    SimMain(PrintStream out) {
        this.out = out;
    }

    /** Entry point; exits with 0 iff no seed found a violation, 2 on bad arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimMain()).execute(args));
    }

    /**
     * Runs the seeds and prints the report.
     *
     * @return 0 if no violation was found, 1 otherwise
     * @throws IllegalArgumentException on a bad option value (picocli prints it)
     */
    @Override
    public Integer call() throws InterruptedException {
        if (seeds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--seeds must be at least 1");
        }
        BreakSwitch breakSwitch = breakName == null ? BreakSwitch.NONE : BreakSwitch.ofCliName(breakName);
        SimConfig config = SimConfig.defaults(nodes).withSteps(steps).withBreak(breakSwitch);
        Map<Long, SimResult> failures = new ConcurrentSkipListMap<>();
        AtomicLong next = new AtomicLong(firstSeed);
        long end = firstSeed + seeds;
        long started = System.nanoTime();
        Thread[] workers = new Thread[Math.max(1, threads)];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Thread(() -> {
                for (long s = next.getAndIncrement(); s < end; s = next.getAndIncrement()) {
                    SimResult r;
                    try {
                        r = Simulation.run(s, config, traceEvents ? out : null);
                    } catch (Throwable crash) {
                        // Never let a crashed worker shrink the count of violations.
                        r = new SimResult(s, new Violation(s, -1, Violation.Kind.CORE_ERROR,
                                "simulator crashed: " + crash), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                    }
                    if (verbose) {
                        synchronized (out) {
                            out.println(r.summary());
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
        double seconds = (System.nanoTime() - started) / 1e9;
        for (SimResult r : failures.values()) {
            out.println("FAIL " + r.violation());
            out.println("  replay: sim --seeds 1 --seed " + r.seed() + " --nodes " + nodes + " --steps " + steps
                    + (breakSwitch == BreakSwitch.NONE ? "" : " --break " + breakSwitch.cliName()));
        }
        out.printf("nodes=%d steps=%d break=%s elapsed=%.1fs rate=%.0f seeds/min%n", nodes, steps,
                breakSwitch.cliName(), seconds, seeds / seconds * 60);
        out.println("seeds=" + seeds + " violations=" + failures.size());
        out.flush();
        return failures.isEmpty() ? 0 : 1;
    }
}
