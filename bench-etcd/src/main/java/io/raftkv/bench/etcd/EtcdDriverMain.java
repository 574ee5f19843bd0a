package io.raftkv.bench.etcd;

import io.raftkv.bench.load.KeySpace;
import io.raftkv.bench.load.LoadOptions;
import io.raftkv.bench.load.LoadRunner;
import io.raftkv.bench.load.PhaseListener;
import io.raftkv.bench.load.PointResult;
import io.raftkv.bench.load.ResultLine;
import io.raftkv.bench.load.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs benchmark points (every workload at every client count, in order) against an etcd cluster
 * that is already running, in this one JVM, so the client side is as warm as raftkv's in-process
 * client (the harness in the bench module starts the members and this process). Progress lines go
 * to standard error; standard output carries, per point, {@link ResultLine#MEASURE_START},
 * {@link ResultLine#MEASURE_END} and then its {@link ResultLine}.
 *
 * <pre>
 * java -cp bench-etcd.jar:$(cat bench-etcd/target/classpath.txt) io.raftkv.bench.etcd.EtcdDriverMain \
 *     --endpoints http://127.0.0.1:2379,... --workloads put,get --clients 1,64 --seconds 10 --warmup 3
 * </pre>
 * Exit codes: 0 after every result line, 1 if the point could not run, 2 for a bad command line.
 */
@Command(name = "etcd-driver", mixinStandardHelpOptions = true,
        description = "Runs benchmark points against a running etcd cluster with jetcd; prints a RESULT line per point.")
public final class EtcdDriverMain implements Callable<Integer> {

    @Option(names = "--endpoints", required = true, split = ",", description = "every member's client URL")
    List<String> endpoints;

    @Option(names = "--workloads", required = true, split = ",", description = "put, get, stale-get, mix, scan; run in order")
    List<String> workloads;

    @Option(names = "--clients", defaultValue = "1", split = ",",
            description = "client counts, each workload runs once per count (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--jit-warmup", defaultValue = "0",
            description = "seconds of unmeasured load (the workloads in turn, the largest client count up to 64) before the first point, 0 = none (default: ${DEFAULT-VALUE})")
    double jitWarmup;

    @Option(names = "--connections", defaultValue = "1", description = "jetcd clients shared by the benchmark clients (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--driver", defaultValue = "threads",
            description = "threads (a thread per client, blocking calls) or async (closed-loop clients as callback chains) (default: ${DEFAULT-VALUE})")
    String driver;

    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "warm-up seconds (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--rate", defaultValue = "0", description = "total ops/s, 0 = closed loop (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--key-size", defaultValue = "16", description = "bytes per key (default: ${DEFAULT-VALUE})")
    int keySize;

    @Option(names = "--value-size", defaultValue = "256", description = "bytes per value (default: ${DEFAULT-VALUE})")
    int valueSize;

    @Option(names = "--keys", defaultValue = "10000", description = "preloaded keys that reads pick from (default: ${DEFAULT-VALUE})")
    long keys;

    @Option(names = "--scan-length", defaultValue = "100", description = "keys per scan (default: ${DEFAULT-VALUE})")
    int scanLength;

    @Option(names = "--preload", description = "write the preloaded keys first (implied by --jit-warmup)")
    boolean preload;

    @Override
    public Integer call() throws Exception {
        List<Workload> wl = workloads.stream().map(Workload::parse).toList();
        LoadRunner.Driver clientDriver = LoadRunner.Driver.parse(driver);
        LoadOptions template = new LoadOptions(wl.get(0), clients.get(0), seconds(warmup), seconds(seconds), rate,
                new KeySpace(keySize, valueSize), keys, scanLength);
        PrintStream out = System.out;
        String leader = EtcdLeader.find(endpoints, 30_000);
        try (EtcdTarget target = new EtcdTarget(leader, endpoints, connections)) {
            LoadRunner runner = new LoadRunner(target, System.err, keys, clientDriver);
            if (preload || jitWarmup > 0) {
                runner.preload(template);
            }
            if (jitWarmup > 0) {
                runner.warmUpJit(template, wl, Collections.max(clients), seconds(jitWarmup));
            }
            PhaseListener markers = new PhaseListener() {
                @Override
                public void measureStarted() {
                    out.println(ResultLine.MEASURE_START);
                    out.flush();
                }

                @Override
                public void measureEnded() {
                    out.println(ResultLine.MEASURE_END);
                    out.flush();
                }
            };
            for (Workload w : wl) {
                for (int c : clients) {
                    PointResult result = runner.run(template.withWorkload(w).withClients(c), markers);
                    out.println(ResultLine.encode(result));
                    out.flush();
                }
            }
        }
        return 0;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Entry point; exits with the command's code. */
    public static void main(String[] args) {
        int code = new CommandLine(new EtcdDriverMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("etcd-driver: " + e + (e.getCause() == null ? "" : " (cause: " + e.getCause() + ")"));
            cmd.getErr().println(Arrays.toString(e.getStackTrace()));
            return 1;
        }).execute(args);
        System.exit(code);
    }
}
