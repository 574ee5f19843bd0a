package io.raftkv.bench.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.HdrHistogram.Histogram;

/**
 * The disk's raw durable-write latency where the servers keep their data: append 4 KiB and
 * fdatasync ({@code force(false)}), in a loop. Reported beside every durable-write figure because
 * on a shared virtual disk it swings tenfold within minutes.
 */
final class DiskProbe {

    private DiskProbe() {
    }

    /**
     * Runs for {@code seconds} in {@code dir}; the probe file is deleted afterwards. Blocking.
     *
     * @return latencies in microseconds
     * @throws IOException if the file cannot be written or synced
     */
    static Histogram fsyncMicros(Path dir, double seconds) throws IOException {
        Histogram h = new Histogram(3);
        Path file = Files.createTempFile(dir, "fsync-probe", ".dat");
        ByteBuffer block = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                block.clear();
                long t0 = System.nanoTime();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
                ch.force(false);
                h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return h;
    }
}
