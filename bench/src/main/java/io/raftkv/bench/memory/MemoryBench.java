package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.testkit.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftkv bench memory}: how much memory a node holding N keys needs. Starts real node
 * processes with the production JVM options ({@code bin/node-jvm.options}), loads N unique 16-byte
 * keys in Batch commands through the Java client, runs random point gets, restarts the nodes and
 * reads again; samples every node's VmRSS/VmHWM each second and reports each phase's peak, the
 * data directory's size and the load rate. Writes {@code samples.csv} and {@code summary.csv}.
 *
 * <p>Exit codes: 0 when every phase ran (a load stopped by {@code --max-load-seconds} included;
 * the summary says so), 1 if a node or the load failed, 2 for a bad command line.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Measures node RSS while loading N keys, reading them, and after a restart.")
public final class MemoryBench implements Callable<Integer> {

    static final String CLUSTER_ID = "raftkv";

    @Option(names = "--home", required = true, description = "the raftkv checkout (holds bin/node-jvm.options)")
    Path home;

    @Option(names = "--keys", defaultValue = "10000000", description = "keys to load (default: ${DEFAULT-VALUE})")
    long keys;

    @Option(names = "--value-bytes", defaultValue = "256", description = "bytes per value, >= 8 (default: ${DEFAULT-VALUE})")
    int valueBytes;

    @Option(names = "--nodes", defaultValue = "1", description = "1 or 3 nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--batch", defaultValue = "1000", description = "puts per Batch command (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--in-flight", defaultValue = "4", description = "Batch commands in flight (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--read-seconds", defaultValue = "30", description = "random gets after loading (default: ${DEFAULT-VALUE})")
    int readSeconds;

    @Option(names = "--restart-seconds", defaultValue = "20",
            description = "random gets after the restart's leader election (default: ${DEFAULT-VALUE})")
    int restartSeconds;

    @Option(names = "--max-load-seconds", defaultValue = "0",
            description = "stop loading after this long and go on with the keys loaded; 0 = no limit (default: ${DEFAULT-VALUE})")
    long maxLoadSeconds;

    @Option(names = "--node-jvm", split = " ", description = "extra JVM options after the production ones, e.g."
            + " -XX:NativeMemoryTracking=summary")
    List<String> extraJvm = new ArrayList<>();

    @Option(names = "--snapshot-every-mib", defaultValue = "0", description = "pause the load after each this many"
            + " MiB of keys and values and have every node take a snapshot (admin snapshot), so the log the node keeps"
            + " in memory since its last snapshot stays bounded; 0 = never (default: ${DEFAULT-VALUE})")
    long snapshotEveryMib;

    @Option(names = "--node-arg", split = " ", description = "extra NodeMain arguments, e.g. \"--snapshot-trailing 20\"")
    List<String> nodeArgs = new ArrayList<>();

    @Option(names = "--load-jvm", split = " ", description = "JVM options for the load phase only, e.g. -Xmx3g: after"
            + " loading, every node takes a snapshot and is restarted with the production options before the read and"
            + " restart phases (the load phase's figures are then not production figures)")
    List<String> loadJvm = new ArrayList<>();

    @Option(names = "--out", defaultValue = "memory-bench", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data-dir", description = "where the nodes keep their data (default: OUT/data); must be new or empty")
    Path dataDir;

    @Option(names = "--keep-data", description = "keep the data directory at the end")
    boolean keepData;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream log = System.out;

    @Override
    public Integer call() throws Exception {
        validate();
        Files.createDirectories(out);
        Path data = dataDir != null ? dataDir : out.resolve("data");
        if (Files.exists(data)) {
            try (var entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new BenchmarkException("data directory " + data + " is not empty: remove it or pass another --data-dir");
                }
            }
        }
        List<NodeAddress> addresses = new ArrayList<>();
        for (int port : FreePorts.pick(nodes)) {
            addresses.add(new NodeAddress("127.0.0.1", port));
        }
        String members = java.util.stream.IntStream.range(0, nodes).mapToObj(i -> "n" + (i + 1) + "=" + addresses.get(i))
                .collect(Collectors.joining(","));
        log.printf("memory bench: %,d keys of 16 + %d bytes, %d node(s), batch %d x %d in flight, snapshot every %s;"
                + " JVM @%s %s; load JVM %s; node args %s%n", keys, valueBytes, nodes, batch, inFlight, snapshotEveryMib == 0
                        ? "(node's own policy)" : snapshotEveryMib + " MiB", jvmOptionsFile(), String.join(" ", extraJvm),
                loadJvm.isEmpty() ? "(same)" : String.join(" ", loadJvm), String.join(" ", nodeArgs));
        MemoryRun run = new MemoryRun(this, data, members, addresses);
        List<MemorySampler.Node> running = new ArrayList<>();
        try (MemorySampler sampler = new MemorySampler(out.resolve("samples.csv"))) {
            running.addAll(run.startNodes(true));
            MemoryResult result;
            ClientConfig config = ClientConfig.builder(CLUSTER_ID, addresses).clientName("raftkv-memory-bench")
                    .ioThreads(1).build();
            try (RaftKvClient client = RaftKvClient.create(config)) {
                run.awaitLeader(client, running);
                result = run.loadAndRead(client, sampler, running);
            }
            MemoryResult afterRestart = run.restart(config, sampler, running, result);
            List<PhasePeak> peaks = sampler.peaks();
            print(afterRestart, peaks);
            writeSummary(afterRestart, peaks);
            return 0;
        } finally {
            for (MemorySampler.Node n : running) {
                n.process().close();
            }
            if (!keepData) {
                deleteTree(data);
            }
        }
    }

    private void validate() {
        if (keys < 1 || valueBytes < 8 || (nodes != 1 && nodes != 3) || batch < 1 || inFlight < 1 || readSeconds < 0
                || restartSeconds < 0 || maxLoadSeconds < 0 || snapshotEveryMib < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --keys >= 1, --value-bytes >= 8,"
                    + " --nodes 1 or 3, --batch >= 1, --in-flight >= 1, non-negative seconds");
        }
    }

    /** The production JVM options file: {@code HOME/bin/node-jvm.options}. */
    Path jvmOptionsFile() {
        return home.resolve("bin").resolve("node-jvm.options");
    }

    private void print(MemoryResult r, List<PhasePeak> peaks) {
        log.println();
        log.printf(Locale.ROOT, "load: %,d of %,d keys in %.1f s = %,.0f keys/s (%d retried commands)%s%n", r.loaded(),
                keys, r.loadSeconds(), r.loaded() / Math.max(r.loadSeconds(), 1e-9), r.retries(),
                r.loadStopped() ? " -- STOPPED by --max-load-seconds, not all keys loaded" : "");
        log.printf(Locale.ROOT, "read: %,d gets in %d s (%,d misses, %,d errors); after restart: %,d gets (%,d misses,"
                + " %,d errors); restart to leader %.1f s%n", r.reads(), readSeconds, r.readMisses(), r.readErrors(),
                r.restartReads(), r.restartMisses(), r.restartErrors(), r.restartSeconds());
        log.printf(Locale.ROOT, "disk: %.1f MiB after load, %.1f MiB after restart (all nodes' data dirs)%n",
                r.diskAfterLoad() / 1048576.0, r.diskAfterRestart() / 1048576.0);
        log.println("peak RSS per phase (1 s samples; hwm = kernel VmHWM since the process started):");
        for (PhasePeak p : peaks) {
            log.printf(Locale.ROOT, "  %-8s %s  rss %.0f MiB  hwm %.0f MiB  je cache %s%n", p.phase(), p.node(),
                    p.peakRssKib() / 1024.0, p.hwmKib() / 1024.0, p.peakJeCacheBytes() < 0 ? "n/a"
                            : String.format(Locale.ROOT, "%.1f MiB", p.peakJeCacheBytes() / 1048576.0));
        }
        // With --load-jvm the load phase ran with other JVM options: it says nothing about the production ones.
        long worst = peaks.stream().filter(p -> loadJvm.isEmpty() || !p.phase().equals("load"))
                .mapToLong(p -> Math.max(p.peakRssKib(), p.hwmKib())).max().orElse(0);
        log.printf(Locale.ROOT, "largest RSS of any node in any phase%s: %.0f MiB (target: under 512 MiB: %s)%n",
                loadJvm.isEmpty() ? "" : " run with the production JVM options (all but load)", worst / 1024.0,
                worst < 512 * 1024 ? "met" : "NOT met");
    }

    private void writeSummary(MemoryResult r, List<PhasePeak> peaks) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("summary.csv"), StandardCharsets.UTF_8))) {
            w.println("phase,node,peak_rss_mib,hwm_mib,peak_je_cache_mib,keys_loaded,load_seconds,load_keys_per_s,"
                    + "disk_after_load_mib,disk_after_restart_mib");
            for (PhasePeak p : peaks) {
                w.printf(Locale.ROOT, "%s,%s,%.1f,%.1f,%s,%d,%.1f,%.0f,%.1f,%.1f%n", p.phase(), p.node(),
                        p.peakRssKib() / 1024.0, p.hwmKib() / 1024.0, p.peakJeCacheBytes() < 0 ? ""
                                : String.format(Locale.ROOT, "%.1f", p.peakJeCacheBytes() / 1048576.0),
                        r.loaded(), r.loadSeconds(), r.loaded() / Math.max(r.loadSeconds(), 1e-9),
                        r.diskAfterLoad() / 1048576.0, r.diskAfterRestart() / 1048576.0);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Entry point; exits with the command's code. */
    public static void main(String[] args) {
        int code = new CommandLine(new MemoryBench()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("raftkv bench memory: " + e.getMessage());
            return 1;
        }).execute(args);
        System.exit(code);
    }
}
