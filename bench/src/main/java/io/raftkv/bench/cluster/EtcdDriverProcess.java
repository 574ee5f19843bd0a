package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.LoadOptions;
import io.raftkv.bench.load.LoadRunner;
import io.raftkv.bench.load.PointResult;
import io.raftkv.bench.load.ResultLine;
import io.raftkv.bench.load.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs the etcd benchmark points in a separate JVM ({@code io.raftkv.bench.etcd.EtcdDriverMain}
 * of the bench-etcd module, whose jetcd brings Netty 4.1 and gRPC), one JVM for all points of a
 * cluster, and samples the etcd members' CPU when it says a measured window opens and closes.
 */
final class EtcdDriverProcess {

    /** The driver's main class in bench-etcd. */
    static final String MAIN_CLASS = "io.raftkv.bench.etcd.EtcdDriverMain";

    private EtcdDriverProcess() {
    }

    /**
     * The driver's command line for every point of one etcd cluster.
     *
     * @param classpath   bench-etcd's jar and runtime dependencies
     * @param template    sizes, times and rate of every point
     * @param jitWarmup   seconds of unmeasured load before the first point, 0 for none
     * @param preload     whether the driver writes the preloaded keys first
     * @param driver      how the driver's clients are driven
     */
    static List<String> command(String classpath, List<String> endpoints, LoadOptions template,
            List<Workload> workloads, List<Integer> clients, int connections, double jitWarmup, boolean preload,
            LoadRunner.Driver driver) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath, MAIN_CLASS,
                "--endpoints", String.join(",", endpoints),
                "--workloads", String.join(",", workloads.stream().map(Workload::cliName).toList()),
                "--clients", String.join(",", clients.stream().map(String::valueOf).toList()),
                "--connections", Integer.toString(connections),
                "--driver", driver.name().toLowerCase(Locale.ROOT),
                "--seconds", seconds(template.duration().toNanos()),
                "--warmup", seconds(template.warmup().toNanos()),
                "--jit-warmup", String.format(Locale.ROOT, "%.3f", jitWarmup),
                "--rate", Double.toString(template.rate()),
                "--key-size", Integer.toString(template.keys().keySize()),
                "--value-size", Integer.toString(template.keys().valueSize()),
                "--keys", Long.toString(template.preloadKeys()),
                "--scan-length", Integer.toString(template.scanLength())));
        if (preload) {
            c.add("--preload");
        }
        return c;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /**
     * Runs the driver to its end, its progress lines passed on to {@code progress}; each result
     * gets the members' CPU between that point's window markers.
     *
     * @param onResult told of each point as soon as its result line arrives
     * @return the driver's results in order
     * @throws BenchmarkException if the driver exits with an error, with its last output
     */
    static List<PointResult> run(List<String> command, EtcdCluster cluster, PrintStream progress,
            Consumer<PointResult> onResult) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ManagedProcess tracked = ManagedProcess.adopt("etcd-driver", p, Duration.ofSeconds(2));
        long cpuStart = -1;
        long cpuEnd = -1;
        List<PointResult> results = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(ResultLine.MEASURE_START)) {
                    cpuStart = cluster.cpuNanos();
                } else if (line.equals(ResultLine.MEASURE_END)) {
                    cpuEnd = cluster.cpuNanos();
                } else if (line.startsWith(ResultLine.PREFIX + " ")) {
                    PointResult r = ResultLine.decode(line).withServerCpu(cpuStart < 0 || cpuEnd < 0 ? -1
                            : cpuEnd - cpuStart);
                    results.add(r);
                    onResult.accept(r);
                    cpuStart = -1;
                    cpuEnd = -1;
                } else {
                    progress.println(line);
                    tail.add(line);
                    if (tail.size() > 20) {
                        tail.remove(0);
                    }
                }
            }
        } finally {
            tracked.close();
        }
        int code = p.exitValue();
        if (code != 0) {
            throw new BenchmarkException("the etcd driver exited with code " + code + " after " + results.size()
                    + " point(s); its last output:\n" + String.join("\n", tail));
        }
        return results;
    }
}
