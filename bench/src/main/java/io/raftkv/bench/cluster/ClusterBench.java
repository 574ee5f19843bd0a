package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.KeySpace;
import io.raftkv.bench.load.KvTarget;
import io.raftkv.bench.load.LoadOptions;
import io.raftkv.bench.load.LoadRunner;
import io.raftkv.bench.load.PhaseListener;
import io.raftkv.bench.load.PointResult;
import io.raftkv.bench.load.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raftkv bench cluster}: starts a 3-node raftkv cluster and a 3-member etcd cluster on
 * loopback (one after the other, data in a temp dir), runs the same workloads against each, and
 * prints and writes throughput, latency percentiles, errors, CPU and the raftkv/etcd ratios
 * (table, CSV, PNG plots; optionally docs/benchmarks.md). Every process it starts is stopped
 * at the end, also on failure or Ctrl-C.
 *
 * <p>Exit codes: 0 when every requested point ran, 1 if a target could not run, 2 for a bad
 * command line.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Benchmarks raftkv (Java client, JDBC) against etcd on 3-member loopback clusters.")
public final class ClusterBench implements Callable<Integer> {

    @Option(names = "--targets", split = ",", defaultValue = "raftkv,etcd",
            description = "raftkv, jdbc, etcd (default: ${DEFAULT-VALUE})")
    List<String> targets;

    @Option(names = "--workloads", split = ",", defaultValue = "put,get",
            description = "put, get, stale-get, mix, scan (default: ${DEFAULT-VALUE})")
    List<String> workloads;

    @Option(names = "--clients", split = ",", defaultValue = "1,64",
            description = "client counts, each 1..256 (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per point (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "warm-up seconds per point (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--rate", defaultValue = "0",
            description = "total ops/s per point; 0 = closed loop (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--key-size", defaultValue = "16", description = "bytes per key (default: ${DEFAULT-VALUE})")
    int keySize;

    @Option(names = "--value-size", defaultValue = "256", description = "bytes per value (default: ${DEFAULT-VALUE})")
    int valueSize;

    @Option(names = "--keys", defaultValue = "10000",
            description = "keys written before read workloads (default: ${DEFAULT-VALUE})")
    long keys;

    @Option(names = "--scan-length", defaultValue = "100", description = "keys per scan (default: ${DEFAULT-VALUE})")
    int scanLength;

    @Option(names = "--jit-warmup", defaultValue = "20",
            description = "seconds of unmeasured load per target before its first point, the run's workloads in turn at "
                    + "its largest client count (at most 64), so JIT-compiled "
                    + "code is measured, not the compiler; 0 = none (default: ${DEFAULT-VALUE})")
    double jitWarmup;

    @Option(names = "--connections", defaultValue = "1",
            description = "client instances (raftkv) / gRPC clients (etcd) the benchmark clients share (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--driver", defaultValue = "async",
            description = "how closed-loop clients of raftkv's Java client and etcd are driven: async (each client's next "
                    + "operation is issued from the completion of its last, no thread per client, as etcd's own benchmark "
                    + "tool) or threads (a thread per client making blocking calls); jdbc always uses threads "
                    + "(default: ${DEFAULT-VALUE})")
    String driver;

    @Option(names = "--out", description = "directory for results.csv, results.md and the PNGs (default: bench-results/<time>)")
    Path out;

    @Option(names = "--doc", description = "also regenerate the cluster section of this Markdown file, e.g. docs/benchmarks.md; PNGs go to <its dir>/bench/")
    Path doc;

    @Option(names = "--data-dir", description = "where the servers keep data (default: a temp dir, deleted afterwards)")
    Path dataDir;

    @Option(names = "--etcd", defaultValue = "/usr/bin/etcd", description = "etcd binary (default: ${DEFAULT-VALUE})")
    String etcdBinary;

    @Option(names = "--etcd-classpath",
            description = "class path of the bench-etcd driver (default: bench-etcd/target/*.jar + bench-etcd/target/classpath.txt under --home)")
    String etcdClasspath;

    @Option(names = "--home", defaultValue = ".", description = "the raftkv source tree (default: the current directory)")
    Path home;

    @Option(names = "--node-jvm", split = " ", defaultValue = "-Xmx1g -XX:+UseParallelGC",
            description = "JVM options of each raftkv node, space separated (default: ${DEFAULT-VALUE})")
    List<String> nodeJvm;

    @Option(names = "--node-options", split = " ",
            description = "extra NodeMain options for each raftkv node, space separated, e.g. \"--tick-ms 10\"")
    List<String> nodeOptions = new ArrayList<>();

    @Option(names = "--fsync-seconds", defaultValue = "3", description = "length of the fsync probe before the run (default: ${DEFAULT-VALUE})")
    double fsyncSeconds;

    @Spec
    CommandSpec spec;

    /** The arguments as given, for the report. */
    private String[] args = new String[0];

    private final PrintStream progress = System.err;
    private final List<String> notes = new ArrayList<>();
    /** One line per cluster: its members' resident memory after the points ran. */
    private final List<String> memory = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<Workload> wl;
        LoadOptions template;
        try {
            wl = workloads.stream().map(Workload::parse).toList();
            for (String t : targets) {
                if (!List.of("raftkv", "jdbc", "etcd").contains(t)) {
                    throw new IllegalArgumentException("unknown target '" + t + "'; use raftkv, jdbc or etcd");
                }
            }
            for (int c : clients) {
                if (c < 1 || c > 256) {
                    throw new IllegalArgumentException("clients must be in 1..256, was " + c);
                }
            }
            template = new LoadOptions(wl.get(0), clients.get(0), seconds(warmup), seconds(seconds), rate,
                    new KeySpace(keySize, valueSize), keys, scanLength);
            driver();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path outDir = out != null ? out : Path.of("bench-results", Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString().replace(':', '-'));
        Files.createDirectories(outDir);
        boolean tempData = dataDir == null;
        Path data = tempData ? Files.createTempDirectory("raftkv-bench-") : Files.createDirectories(dataDir);
        if (tempData) {
            ManagedProcess.deleteOnExit(data);
        }
        List<PointResult> results = new ArrayList<>();
        boolean allRan = true;
        try {
            MachineInfo machine = MachineInfo.collect(data, fsyncSeconds);
            progress.println("machine: " + machine.describe());
            if (targets.contains("raftkv") || targets.contains("jdbc")) {
                allRan &= runRaftKv(data.resolve("raftkv"), template, wl, results);
            }
            if (targets.contains("etcd")) {
                allRan &= runEtcd(data.resolve("etcd"), template, wl, results);
            }
            report(outDir, machine, results);
        } finally {
            if (tempData) {
                ManagedProcess.deleteTree(data);
                ManagedProcess.forgetTempDir(data);
            }
        }
        return allRan ? 0 : 1;
    }

    private LoadRunner.Driver driver() {
        return LoadRunner.Driver.parse(driver);
    }

    private boolean runRaftKv(Path dir, LoadOptions template, List<Workload> wl, List<PointResult> results)
            throws Exception {
        progress.println("starting 3 raftkv nodes under " + dir);
        try (RaftKvCluster cluster = RaftKvCluster.start(dir, 3, nodeJvm, nodeOptions)) {
            boolean ok = true;
            boolean preloaded = false;
            if (targets.contains("raftkv")) {
                try (RaftKvTarget target = new RaftKvTarget(cluster.clientConfig(1).build(), connections)) {
                    LoadRunner runner = new LoadRunner(target, progress, keys, driver());
                    ok &= runPoints(runner, target, cluster, template, wl, results, !preloaded);
                    preloaded = jitWarmup > 0 || wl.stream().anyMatch(Workload::needsPreload);
                }
            }
            if (targets.contains("jdbc")) {
                try (KvTarget target = new JdbcTarget(cluster.hostList())) {
                    // INSERT needs keys nobody wrote: start half-way through the key space.
                    long firstKey = (long) Math.pow(10, Math.min(18, keySize - 1)) / 2;
                    LoadRunner runner = new LoadRunner(target, progress, firstKey);
                    ok &= runPoints(runner, target, cluster, template, wl, results, !preloaded);
                }
            }
            memory.add("raftkv nodes' RSS after the run: " + cluster.rssSummary());
            return ok;
        }
    }

    private boolean runPoints(LoadRunner runner, KvTarget target, ServerCluster cluster, LoadOptions template,
            List<Workload> wl, List<PointResult> results, boolean preload) {
        try {
            if (preload && (jitWarmup > 0 || wl.stream().anyMatch(Workload::needsPreload))) {
                runner.preload(template);
            }
            if (jitWarmup > 0) {
                runner.warmUpJit(template, wl, Collections.max(clients), seconds(jitWarmup));
            }
            for (Workload w : wl) {
                for (int c : clients) {
                    long[] cpu = new long[2];
                    PointResult r = runner.run(template.withWorkload(w).withClients(c), new PhaseListener() {
                        @Override
                        public void measureStarted() {
                            cpu[0] = cluster.cpuNanos();
                        }

                        @Override
                        public void measureEnded() {
                            cpu[1] = cluster.cpuNanos();
                        }
                    });
                    cluster.checkAlive();
                    r = r.withServerCpu(cpu[0] < 0 || cpu[1] < 0 ? -1 : cpu[1] - cpu[0]);
                    results.add(r);
                    progress.println(summary(r));
                }
            }
            return true;
        } catch (Exception e) {
            String note = target.name() + ": could not run (" + e + (e.getCause() == null ? "" : "; cause: "
                    + e.getCause()) + ")";
            notes.add(note);
            progress.println(note);
            return false;
        }
    }

    private boolean runEtcd(Path dir, LoadOptions template, List<Workload> wl, List<PointResult> results)
            throws Exception {
        String cp = etcdClasspath != null ? etcdClasspath : defaultEtcdClasspath();
        progress.println("starting 3 etcd members under " + dir);
        try (EtcdCluster cluster = EtcdCluster.start(etcdBinary, dir, 3)) {
            boolean preload = wl.stream().anyMatch(Workload::needsPreload);
            try {
                EtcdDriverProcess.run(EtcdDriverProcess.command(cp, cluster.clientUrls(), template, wl, clients,
                        connections, jitWarmup, preload, driver()), cluster, progress, r -> {
                            results.add(r);
                            progress.println(summary(r));
                        });
                cluster.checkAlive();
                return true;
            } catch (BenchmarkException e) {
                notes.add("etcd: could not run every point (" + e.getMessage() + ")");
                progress.println(notes.get(notes.size() - 1));
                return false;
            } finally {
                memory.add("etcd members' RSS after the run: " + cluster.rssSummary());
            }
        }
    }

    private String defaultEtcdClasspath() throws IOException {
        Path target = home.resolve("bench-etcd").resolve("target");
        Path cpFile = target.resolve("classpath.txt");
        Path jar;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jar = files.filter(p -> p.getFileName().toString().matches("raftkv-bench-etcd-.*\\.jar")).findFirst()
                    .orElse(null);
        }
        if (jar == null || !Files.exists(cpFile)) {
            throw new BenchmarkException("the etcd driver is not built: need " + target
                    + "/raftkv-bench-etcd-*.jar and classpath.txt; run from the source tree: mvn -q -DskipTests package "
                    + "dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime "
                    + "(or pass --etcd-classpath)");
        }
        return jar.toAbsolutePath() + java.io.File.pathSeparator + Files.readString(cpFile).strip();
    }

    private void report(Path outDir, MachineInfo machine, List<PointResult> results) throws IOException {
        String table = ResultTable.points(results);
        String ratios = ResultTable.ratioTable(results);
        System.out.println();
        System.out.println(table);
        System.out.println(ratios);
        memory.forEach(System.out::println);
        notes.forEach(n -> System.out.println("note: " + n));
        CsvReport.write(outDir.resolve("results.csv"), results);
        List<Path> pngs = results.isEmpty() ? List.of() : Charts.writeAll(outDir, results);
        String command = "bin/raftkv bench cluster " + String.join(" ", portableArgs(args));
        Files.writeString(outDir.resolve("results.md"), markdown(machine, command, table, ratios, pngs, ""));
        System.out.println("wrote " + outDir.resolve("results.csv") + ", results.md and " + pngs.size() + " PNGs");
        if (doc != null) {
            Path docDir = doc.toAbsolutePath().getParent();
            Path images = Files.createDirectories(docDir.resolve("bench"));
            Files.copy(outDir.resolve("results.csv"), images.resolve("results.csv"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (Path png : pngs) {
                Files.copy(png, images.resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            BenchDoc.update(doc, markdown(machine, command, table, ratios, pngs, "bench/"));
            System.out.println("updated " + doc + " and " + images);
        }
    }

    private String markdown(MachineInfo machine, String command, String table, String ratios, List<Path> pngs,
            String imagePrefix) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
        sb.append("Command: `").append(command).append("`\n\n");
        sb.append("Machine: ").append(machine.describe()).append(".\n\n");
        sb.append(String.format(Locale.ROOT, "Per target: %.0f s of unmeasured JIT warm-up load first (the workloads below in turn, %d clients). Per point: "
                + "%.0f s warm-up, %.0f s measured; %s; key %d B, value %d B; "
                + "%,d keys preloaded for reads; %d shared client connection(s).%n%n", jitWarmup,
                Math.min(LoadRunner.JIT_WARMUP_MAX_CLIENTS, Collections.max(clients)), warmup, seconds,
                rate != 0 ? String.format(Locale.ROOT, "fixed rate %.0f ops/s, a thread per client", rate)
                        : driver() == LoadRunner.Driver.ASYNC ? "closed loop, one operation outstanding per client "
                        + "(raftkv and etcd: issued from the completion of the last, no thread per client; jdbc: a "
                        + "thread per client)" : "closed loop, a thread per client making blocking calls", keySize,
                valueSize, keys, connections));
        sb.append(table).append('\n');
        if (!ratios.isEmpty()) {
            sb.append("Ratios from the same run (raftkv ÷ etcd; above 1 means more throughput, or more latency):\n\n");
            sb.append(ratios).append('\n');
        }
        for (String n : memory) {
            sb.append("- ").append(n).append('\n');
        }
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        if (!notes.isEmpty() || !memory.isEmpty()) {
            sb.append('\n');
        }
        for (Path png : pngs) {
            String name = png.getFileName().toString();
            sb.append("![").append(name.replace(".png", "")).append("](").append(imagePrefix).append(name).append(")\n");
        }
        return sb.toString();
    }

    /**
     * The arguments without those that only describe this machine's layout (--etcd-classpath,
     * --home, --out, --data-dir and their values), so the recorded command can be rerun anywhere.
     */
    static List<String> portableArgs(String[] given) {
        List<String> local = List.of("--etcd-classpath", "--home", "--out", "--data-dir");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < given.length; i++) {
            String a = given[i];
            if (local.contains(a)) {
                i++;
            } else if (local.stream().noneMatch(o -> a.startsWith(o + "="))) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** A one-line summary of a point for the progress output. */
    static String summary(PointResult r) {
        return String.format(Locale.ROOT, "== %s %s c=%d: %,.0f ops/s, p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f ms, "
                + "%d errors, servers %.2f cores, client %.2f cores%s", r.target(), r.workload().cliName(), r.clients(),
                r.throughput(), r.latencyMillis(50), r.latencyMillis(90), r.latencyMillis(99), r.latencyMillis(99.9),
                r.errors(), r.serverCores(), r.clientCores(), r.firstError().isEmpty() ? "" : " (first error: "
                        + r.firstError() + ")");
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Parses {@code args} into a command without running it; for tests and {@link #main}. */
    static CommandLine commandLine(ClusterBench bench, String... args) {
        bench.args = args.clone();
        return new CommandLine(bench);
    }

    /** Entry point; exits with the command's code. */
    public static void main(String[] args) {
        ClusterBench bench = new ClusterBench();
        int code = commandLine(bench, args).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("raftkv bench cluster: " + e.getMessage());
            return 1;
        }).execute(args);
        System.exit(code);
    }
}
