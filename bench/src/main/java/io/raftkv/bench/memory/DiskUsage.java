package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes of the files under a directory, as {@code du --apparent-size} counts them. */
final class DiskUsage {

    private DiskUsage() {
    }

    /**
     * Sums the sizes of the regular files under {@code dir}; files that vanish while it walks (a
     * JE cleaner deleting a log file) count as 0. Blocking; calling thread.
     *
     * @throws BenchmarkException if the directory cannot be walked
     */
    static long bytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            throw new BenchmarkException("cannot measure the disk use of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
