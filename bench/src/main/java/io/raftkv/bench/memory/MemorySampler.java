package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samples each node's VmRSS/VmHWM and JE cache use, writes one CSV row per node and sample
 * ({@code samples.csv}), and keeps the peak of every phase per node. Used by one thread.
 */
final class MemorySampler implements AutoCloseable {

    static final String HEADER = "seconds,phase,node,keys,ops_per_s,rss_mib,hwm_mib,je_cache_mib";

    private final PrintWriter csv;
    private final long startNanos = System.nanoTime();
    /** Peaks by phase and node, in the order first sampled. */
    private final Map<String, PhasePeak> peaks = new LinkedHashMap<>();

    /** @throws BenchmarkException if the CSV cannot be created */
    MemorySampler(Path csvFile) {
        try {
            this.csv = new PrintWriter(Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchmarkException("cannot create " + csvFile + ": " + e.getMessage(), e);
        }
        csv.println(HEADER);
    }

    /**
     * Takes one sample of every node, records it, and returns a progress fragment such as
     * {@code n1 rss 301 MiB (hwm 310) je 62 MiB}.
     *
     * @param keys   the phase's count so far (keys loaded, or gets answered)
     * @param rate   the phase's ops/s over the last interval
     * @throws BenchmarkException if a node process is gone
     */
    String sample(String phase, List<Node> nodes, long keys, double rate) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<String> parts = new ArrayList<>();
        for (Node node : nodes) {
            node.process().checkAlive();
            ProcStatus status = ProcStatus.read(node.process().pid());
            long cache = JeCacheStats.cacheBytes(node.jeDir());
            String id = node.process().id();
            peaks.merge(phase + "/" + id, new PhasePeak(phase, id, status.rssKib(), status.hwmKib(), cache),
                    (old, fresh) -> old.with(status, cache));
            csv.printf(Locale.ROOT, "%.1f,%s,%s,%d,%.0f,%.1f,%.1f,%s%n", seconds, phase, id, keys, rate,
                    status.rssKib() / 1024.0, status.hwmKib() / 1024.0, cache < 0 ? "" : String.format(Locale.ROOT,
                            "%.1f", cache / 1048576.0));
            parts.add(id + " rss " + status.rssMib() + " MiB (hwm " + status.hwmMib() + ") je cache "
                    + (cache < 0 ? "n/a" : cache / 1048576 + " MiB"));
        }
        csv.flush();
        return String.join(", ", parts);
    }

    /** The peaks so far, by phase then node, in the order first sampled. */
    List<PhasePeak> peaks() {
        return List.copyOf(peaks.values());
    }

    @Override
    public void close() {
        csv.close();
    }

    /** A running node as the sampler sees it: its process and its JE environment directory. */
    record Node(NodeProcess process, Path jeDir) {
    }
}
