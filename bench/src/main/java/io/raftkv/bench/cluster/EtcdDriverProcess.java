package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.LoadOptions;
import io.raftkv.bench.load.PointResult;
import io.raftkv.bench.load.ResultLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one etcd benchmark point in a separate JVM ({@code io.raftkv.bench.etcd.EtcdDriverMain}
 * of the bench-etcd module, whose jetcd brings Netty 4.1 and gRPC), and samples the etcd members'
 * CPU when that JVM says its measured window opens and closes.
 */
final class EtcdDriverProcess {

    /** The driver's main class in bench-etcd. */
    static final String MAIN_CLASS = "io.raftkv.bench.etcd.EtcdDriverMain";

    private EtcdDriverProcess() {
    }

    /**
     * The driver's command line for one point.
     *
     * @param classpath   bench-etcd's jar and runtime dependencies
     * @param preload     whether the driver writes the preloaded keys first
     */
    static List<String> command(String classpath, List<String> endpoints, LoadOptions o, int connections,
            boolean preload) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath, MAIN_CLASS,
                "--endpoints", String.join(",", endpoints),
                "--workload", o.workload().cliName(),
                "--clients", Integer.toString(o.clients()),
                "--connections", Integer.toString(connections),
                "--seconds", seconds(o.duration().toNanos()),
                "--warmup", seconds(o.warmup().toNanos()),
                "--rate", Double.toString(o.rate()),
                "--key-size", Integer.toString(o.keys().keySize()),
                "--value-size", Integer.toString(o.keys().valueSize()),
                "--keys", Long.toString(o.preloadKeys()),
                "--scan-length", Integer.toString(o.scanLength())));
        if (preload) {
            c.add("--preload");
        }
        return c;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /**
     * Runs the driver to its end, its progress lines passed on to {@code progress}.
     *
     * @return the driver's result with the members' CPU over the window
     * @throws BenchmarkException if the driver exits without a result line, with its last output
     */
    static PointResult run(List<String> command, EtcdCluster cluster, PrintStream progress)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ManagedProcess tracked = ManagedProcess.adopt("etcd-driver", p, java.time.Duration.ofSeconds(2));
        long cpuStart = -1;
        long cpuEnd = -1;
        PointResult result = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(ResultLine.MEASURE_START)) {
                    cpuStart = cluster.cpuNanos();
                } else if (line.equals(ResultLine.MEASURE_END)) {
                    cpuEnd = cluster.cpuNanos();
                } else if (line.startsWith(ResultLine.PREFIX + " ")) {
                    result = ResultLine.decode(line);
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
        if (result == null) {
            throw new BenchmarkException("the etcd driver exited with code " + p.exitValue()
                    + " without a result; its last output:\n" + String.join("\n", tail));
        }
        return result.withServerCpu(cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart);
    }
}
