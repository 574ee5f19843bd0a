package io.raftkv.chaos.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/raftkv fuzz}: every codec target, the live nodes and SQL through the driver, round
 * robin for a given time. Prints tries and failures per target and, for each failure, the seed,
 * the input and the exception. Exit code 0 iff there was no failure (2 for bad options).
 */
@Command(name = "raftkv fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz every codec, a live node's sockets and SQL through the driver.")
public final class FuzzMain implements Callable<Integer> {

    @Option(names = "--minutes", description = "how long to run (default ${DEFAULT-VALUE})", defaultValue = "1")
    double minutes;

    @Option(names = "--seed", description = "run seed (default: from the clock; printed)")
    Long seed;

    @Option(names = "--targets", description = "only targets whose name starts with this, e.g. codec/ (default all)",
            defaultValue = "")
    String targets;

    @Option(names = "--replay", description = "run one try: TARGET:TRY_SEED as printed for a failure")
    String replay;

    @Option(names = "--verbose", description = "show the in-process nodes' log lines")
    boolean verbose;

    /** Entry point; exits with {@link #call()}'s code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FuzzMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long runSeed = seed != null ? seed : System.nanoTime();
        List<FuzzTarget> all = new ArrayList<>(CodecTargets.all());
        LiveTarget live = null;
        if ("live/node".startsWith(targets) || "sql/driver".startsWith(targets) || replayOf("live/") || replayOf("sql/")) {
            live = new LiveTarget(verbose);
            all.add(live);
            all.add(new SqlTarget(live.jdbcUrl()));
        }
        try {
            if (replay != null) {
                return replayOne(all);
            }
            List<FuzzTarget> chosen = all.stream().filter(t -> t.name().startsWith(targets)).toList();
            System.out.printf("fuzz: %d targets for %.1f minutes, --seed %d%n", chosen.size(), minutes, runSeed);
            long deadline = System.nanoTime() + (long) (minutes * TimeUnit.MINUTES.toNanos(1));
            List<FuzzRun.Tally> tallies = FuzzRun.run(chosen, runSeed, deadline, Long.MAX_VALUE);
            long failures = 0;
            long tries = 0;
            for (FuzzRun.Tally t : tallies) {
                System.out.printf("%-24s tries=%d failures=%d%n", t.target(), t.tries(), t.failures());
                tries += t.tries();
                failures += t.failures();
                for (FuzzFailure f : t.firstFailures()) {
                    System.out.printf("FAIL %s%n  replay: bin/raftkv fuzz --replay %s:%d%n  input: %s%n", f.getMessage(),
                            f.target(), f.seed(), f.input());
                    if (f.getCause() != null) {
                        f.getCause().printStackTrace(System.out);
                    }
                }
            }
            for (FuzzTarget t : chosen) {
                if (t instanceof SqlTarget s) {
                    System.out.println("sql outcomes by SQLState: " + new java.util.TreeMap<>(s.outcomes()));
                    s.internalErrors().forEach(e -> System.out.println("  XX000: " + e));
                }
            }
            if (live != null && chosen.contains(live)) {
                live.check(-1);
                System.out.println("live nodes still serving; node log lines: " + live.logLines());
            }
            System.out.printf("targets=%d tries=%d failures=%d seed=%d%n", tallies.size(), tries, failures, runSeed);
            return failures == 0 ? 0 : 1;
        } finally {
            for (FuzzTarget t : all) {
                t.close();
            }
        }
    }

    private boolean replayOf(String prefix) {
        return replay != null && replay.startsWith(prefix);
    }

    private int replayOne(List<FuzzTarget> all) {
        int colon = replay.lastIndexOf(':');
        String name = replay.substring(0, colon);
        long trySeed = Long.parseLong(replay.substring(colon + 1));
        for (FuzzTarget t : all) {
            if (t.name().equals(name)) {
                try {
                    t.tryOnce(trySeed);
                    System.out.println("replay " + replay + ": passed");
                    return 0;
                } catch (FuzzFailure f) {
                    System.out.println("replay " + replay + ": FAIL " + f.getMessage() + "\n  input: " + f.input());
                    return 1;
                }
            }
        }
        System.err.println("no target named " + name);
        return 2;
    }
}
