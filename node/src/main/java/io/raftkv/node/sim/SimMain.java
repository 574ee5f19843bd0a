package io.raftkv.node.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Option(names = "--break", description = "Turn on one unsafe core switch (commit-rule, vote-check, pre-vote) or the simulator's stale-reads bug.")
    String breakName;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--verbose", description = "Print a summary line for every seed.")
    boolean verbose;

    @Option(names = "--trace", description = "Print every event of each run, one thread (use with --seeds 1 to replay a seed).")
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
     * @throws CommandLine.ParameterException on a bad option value (picocli prints it, exit 2)
     */
    @Override
    public Integer call() throws InterruptedException {
        CommandLine cli = new CommandLine(this);
        if (seeds < 1 || steps < 1 || (nodes != 3 && nodes != 5)) {
            throw new CommandLine.ParameterException(cli, "--seeds and --steps must be at least 1 and"
                    + " --nodes 3 or 5; got --seeds " + seeds + " --steps " + steps + " --nodes " + nodes);
        }
        BreakSwitch breakSwitch;
        try {
            breakSwitch = breakName == null ? BreakSwitch.NONE : BreakSwitch.ofCliName(breakName);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        SimConfig config = SimConfig.defaults(nodes).withSteps(steps).withBreak(breakSwitch);
        long started = System.nanoTime();
        List<SimResult> failures;
        if (traceEvents) {
            failures = new ArrayList<>();
            for (long s = firstSeed; s < firstSeed + seeds; s++) {
                SimResult r = SeedRunner.runOne(s, config, out);
                out.println(r.summary());
                if (!r.ok()) {
                    failures.add(r);
                }
            }
        } else {
            failures = SeedRunner.run(firstSeed, seeds, config, Math.max(1, threads), verbose ? out : null);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (SimResult r : failures) {
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
