package io.raftkv.chaos;

import io.raftkv.chaos.nemesis.Schedule;
import io.raftkv.client.rpc.ReadConsistency;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftkv chaos}: a Jepsen-style run against real node processes behind fault-injecting
 * link proxies, with a random fault schedule, then the checkers, a report and a timeline plot.
 *
 * <pre>
 * raftkv chaos --minutes 30                 # 5 nodes, random schedule, seed printed
 * raftkv chaos --minutes 2 --nodes 3 --fixed --seed 7
 * raftkv chaos --check chaos-runs/2026-11-26T17-34-40Z/history.tsv
 * </pre>
 *
 * Exit codes: 0 when no anomaly was found, 1 when some were (or the run could not be done),
 * 2 for a bad command line.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Runs clients against a real cluster while a nemesis partitions, delays, drops, kills,"
                + " pauses and changes members; checks linearizability, lost writes and atomicity.")
public final class ChaosMain implements Callable<Integer> {

    @Option(names = "--minutes", description = "length of the fault schedule in minutes (default: ${DEFAULT-VALUE})")
    double minutes = 5;

    @Option(names = "--nodes", description = "cluster size, 3 or 5 (default: ${DEFAULT-VALUE})")
    int nodes = 5;

    @Option(names = "--workers", description = "concurrent client threads (default: ${DEFAULT-VALUE})")
    int workers = 8;

    @Option(names = "--jdbc-workers", description = "concurrent JDBC threads (default: ${DEFAULT-VALUE})")
    int jdbcWorkers = 2;

    @Option(names = "--seed", description = "seed of the schedule and the workload (default: from the clock)")
    Long seed;

    @Option(names = "--fixed", description = "play the fixed CI schedule instead of a random one")
    boolean fixed;

    @Option(names = "--out", description = "output directory (default: chaos-runs/<time>)")
    Path out;

    @Option(names = "--reads", description = "read consistency: linearizable or stale (default: ${DEFAULT-VALUE})")
    String reads = "linearizable";

    @Option(names = "--pin-reads", description = "each worker reads from one node only (with --reads stale: follower reads)")
    boolean pinReads;

    @Option(names = "--ops-per-key", description = "operations before a key is retired (default: ${DEFAULT-VALUE})")
    int opsPerKey = 150;

    @Option(names = "--node-arg", description = "extra argument for every node, repeatable (e.g. a test-only switch)")
    List<String> nodeArgs = new ArrayList<>();

    @Option(names = "--check", description = "only check a stored history.tsv again and print the verdicts")
    Path check;

    @Override
    public Integer call() throws Exception {
        if (check != null) {
            return recheck();
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        Path dir = out != null ? out : Path.of("chaos-runs", Instant.now().toString().replace(':', '-'));
        Schedule schedule = fixed ? Schedule.fixed()
                : Schedule.random(new Random(s), Duration.ofMillis((long) (minutes * 60_000)));
        ReadConsistency consistency = ReadConsistency.valueOf(reads.toUpperCase(java.util.Locale.ROOT));
        ChaosConfig config = ChaosConfig.defaults(dir, schedule).withNodes(nodes).withWorkers(workers).withJdbcWorkers(jdbcWorkers).withSeed(s)
                .withReads(consistency, pinReads).withOpsPerKey(opsPerKey).withNodeArgs(nodeArgs);
        System.out.printf("chaos: %d nodes, %d Java + %d JDBC workers, seed %d, %d faults over %d s; output in %s%n",
                nodes, workers, jdbcWorkers, s, schedule.steps().size(), schedule.length().toSeconds(), dir.toAbsolutePath());
        RunResult result = new ChaosRun(config).run();
        System.out.print(io.raftkv.chaos.report.Report.text(result));
        System.out.println("history " + dir.resolve("history.tsv") + ", report " + result.report() + ", plot "
                + dir.resolve("timeline.png"));
        return result.clean() ? 0 : 1;
    }

    /** Checks a stored history again; 0 if clean. */
    private int recheck() throws java.io.IOException {
        java.util.List<io.raftkv.chaos.history.HistoryOp> ops = io.raftkv.chaos.history.HistoryFile.read(check);
        io.raftkv.chaos.check.CheckOutcome outcome = io.raftkv.chaos.check.Checker.check(ops,
                ChaosConfig.defaults(Path.of("."), Schedule.fixed()).budget());
        System.out.printf("%s: %d operations, %d register keys (%d undecided %s), %d acknowledged set inserts,"
                + " %d group reads, %d anomalies%n", check, ops.size(), outcome.registerKeys(), outcome.undecidedKeys(),
                outcome.undecided(), outcome.setChecked(), outcome.groupReads(), outcome.anomalies().size());
        outcome.anomalies().stream().limit(50).forEach(a -> System.out.println("  " + a));
        return outcome.clean() ? 0 : 1;
    }

    /** Entry point; exits with the command's code. */
    public static void main(String[] args) {
        int code = new CommandLine(new ChaosMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("raftkv chaos: " + e.getMessage());
            return 1;
        }).execute(args);
        System.exit(code);
    }
}
