package io.raftkv.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.HdrHistogram.Histogram;

/**
 * Measures this machine's raw durable-write rate: append 4 KiB to a file, then
 * {@link FileChannel#force(boolean) force(false)} (fdatasync), in a loop. The floor under every
 * synced JE commit on the same disk.
 */
public final class FsyncProbe {

    private FsyncProbe() {
    }

    /**
     * @param dir     where the probe file is written (and deleted)
     * @param seconds how long to run, at least 1
     * @return latencies in microseconds
     */
    public static Histogram run(Path dir, double seconds) throws IOException {
        Histogram h = new Histogram(60_000_000L, 3);
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
