package io.raftkv.bench.storage;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Put;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.storage.JeStorage;
import io.raftkv.node.storage.StorageConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Storage benchmark: durable appends per second at several batch sizes (one JE SYNC transaction
 * and one fsync per batch, as the Raft loop persists), an append+commit+apply cycle, and this
 * disk's raw fsync rate measured in the same run. Prints a Markdown table.
 *
 * <p>{@code java -cp <bench classpath> io.raftkv.bench.storage.StorageBench [--seconds 5] [--dir DIR]}
 */
@CommandLine.Command(name = "storage-bench", mixinStandardHelpOptions = true,
        description = "Durable append throughput of the JE storage, next to the raw fsync rate.")
public final class StorageBench implements Callable<Integer> {

    @Option(names = "--dir", description = "Directory for the environments (default: a new temp dir, deleted after).")
    Path dir;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per case (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "1", description = "Warm-up seconds per case (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--payload", defaultValue = "256", description = "Payload bytes per entry (default ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--batches", split = ",", defaultValue = "1,16,256",
            description = "Entries per append, comma separated (default ${DEFAULT-VALUE}).")
    List<Integer> batches;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StorageBench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        boolean ownDir = dir == null;
        Path root = ownDir ? Files.createTempDirectory("raftkv-storage-bench") : Files.createDirectories(dir);
        try {
            System.out.printf(Locale.ROOT, "machine: %d cpus, %s %s, Java %s; dir %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                    System.getProperty("os.version"), System.getProperty("java.version"), root);
            System.out.println("| case | ops/s | entries/s | MB/s | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            printFsync("fsync 4 KiB (before)", FsyncProbe.run(root, seconds));
            for (int batch : batches) {
                runAppend(root.resolve("append-" + batch), batch, false);
            }
            runAppend(root.resolve("apply-16"), 16, true);
            printFsync("fsync 4 KiB (after)", FsyncProbe.run(root, seconds));
        } finally {
            if (ownDir) {
                deleteTree(root);
            }
        }
        return 0;
    }

    private void runAppend(Path envDir, int batch, boolean apply) {
        byte[] bytes = new byte[payload];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Histogram h = new Histogram(60_000_000L, 3);
        long ops = 0;
        long next = 1;
        StorageConfig config = StorageConfig.defaults().withFreeDiskBytes(64 * StorageConfig.MIB);
        try (JeStorage s = JeStorage.open(envDir, config)) {
            long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
            long start = 0;
            long end = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (start == 0 && now >= warmEnd) {
                    start = now;
                    end = start + (long) (seconds * 1e9);
                    h.reset();
                    ops = 0;
                }
                if (now >= end) {
                    break;
                }
                List<LogEntry> entries = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    entries.add(new LogEntry(1, next + i, EntryType.COMMAND, apply ? putCommand(next + i) : bytes));
                }
                long t0 = System.nanoTime();
                if (apply) {
                    // what a single-node Raft loop does per step: persist, then commit and apply real Puts
                    s.saveHardStateAndAppend(new HardState(1, "n1", next - 1), entries);
                    s.saveHardState(new HardState(1, "n1", next + batch - 1));
                    var applied = s.apply(next + batch - 1);
                    if (applied.get(0).result() == null) {
                        throw new IllegalStateException("the benchmark's command was not applied: "
                                + applied.get(0).rejection());
                    }
                } else {
                    s.append(entries);
                }
                h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                next += batch;
                ops++;
            }
            double secs = (end - start) / 1e9;
            String name = apply ? "append+commit+apply, " + batch + "/batch" : "durable append, " + batch + "/batch";
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.1f | %.3f | %.3f | %.3f |%n", name, ops / secs,
                    ops * batch / secs, ops * batch * (double) payload / secs / 1e6,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    /** An encoded Put of key "key-(index mod 10000)" whose encoding is {@code payload} bytes long. */
    private byte[] putCommand(long index) {
        byte[] key = ("key-" + (index % 10_000)).getBytes(StandardCharsets.UTF_8);
        int overhead = CommandCodec.encode(Command.of(Put.of(key, new byte[0]))).length;
        int valueLength = Math.max(0, payload - overhead - 2);
        byte[] encoded = CommandCodec.encode(Command.of(Put.of(key, new byte[valueLength])));
        return encoded;
    }

    private static void printFsync(String name, Histogram h) {
        double secs = h.getTotalCount() * h.getMean() / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %,.0f | - | - | %.3f | %.3f | %.3f |%n", name,
                h.getTotalCount() / secs, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
