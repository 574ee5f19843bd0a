package io.raftkv.bench.cluster;

import io.raftkv.bench.storage.FsyncProbe;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What the figures were measured on: cores, memory, the data directory's file system, load, the
 * JVM, and the disk's fsync latency measured before the run.
 *
 * @param cores        available processors
 * @param memoryMib    total memory, -1 if unknown
 * @param fileSystem   type and device of the data directory's file store
 * @param loadAverage  1-minute load average at the start, -1 if unknown
 * @param jvm          JVM name and version
 * @param fsyncP50Ms   median 4 KiB append+fdatasync, ms
 * @param fsyncP99Ms   99th percentile of the same, ms
 * @param fsyncPerSec  syncs per second the probe reached
 */
record MachineInfo(int cores, long memoryMib, String fileSystem, double loadAverage, String jvm, double fsyncP50Ms,
        double fsyncP99Ms, double fsyncPerSec) {

    /** Collects the facts, running the fsync probe in {@code dataDir} for {@code probeSeconds}. */
    static MachineInfo collect(Path dataDir, double probeSeconds) throws IOException {
        Histogram fsync = FsyncProbe.run(dataDir, probeSeconds);
        var store = Files.getFileStore(dataDir);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readMemoryMib(),
                store.type() + " on " + store.name(), load,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                fsync.getValueAtPercentile(50) / 1000.0, fsync.getValueAtPercentile(99) / 1000.0,
                fsync.getTotalCount() / probeSeconds);
    }

    private static long readMemoryMib() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** One line for reports. */
    String describe() {
        return String.format(Locale.ROOT, "%d cores, %,d MiB RAM, %s, load average %.2f at start, %s; "
                + "fsync 4 KiB p50 %.3f ms, p99 %.3f ms (%,.0f/s)", cores, memoryMib, fileSystem, loadAverage, jvm,
                fsyncP50Ms, fsyncP99Ms, fsyncPerSec);
    }
}
