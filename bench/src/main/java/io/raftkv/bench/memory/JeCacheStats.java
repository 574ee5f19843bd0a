package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JE cache use of a node, read from the statistics JE itself writes. The node turns
 * statistics collection off; the benchmark turns it on for its nodes with a {@code je.properties}
 * file in the environment directory (JE reads it at open and lets it override the program's
 * settings), so no production code changes for it. The CSV's header names the columns; the cache
 * total is {@value #COLUMN}.
 */
final class JeCacheStats {

    /** JE's statistics file in the environment directory. */
    static final String FILE = "je.stat.csv";
    /** The column holding the bytes the JE cache uses (Btree nodes, locks, admin). */
    static final String COLUMN = "Cache:cacheTotalBytes";
    /** How much of the file's end is read for the last row. */
    private static final int TAIL_BYTES = 64 * 1024;

    private JeCacheStats() {
    }

    /**
     * Writes the {@code je.properties} that makes JE record its statistics every second. Call
     * before the node first opens {@code jeDir}.
     *
     * @throws BenchmarkException if the file cannot be written
     */
    static void enable(Path jeDir) {
        try {
            Files.createDirectories(jeDir);
            Files.writeString(jeDir.resolve("je.properties"), "# written by raftkv bench memory\n"
                    + "je.stats.collect=true\nje.stats.collect.interval=1 s\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkException("cannot write je.properties in " + jeDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cache bytes in the last complete row of {@code jeDir/je.stat.csv}, or -1 when there is
     * no file or row yet. Blocking (reads the header and the file's last 64 KiB).
     *
     * @throws BenchmarkException if the file exists but has no {@value #COLUMN} column
     */
    static long cacheBytes(Path jeDir) {
        Path file = jeDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            String header = raf.readLine();
            long length = raf.length();
            if (header == null || length <= header.length() + 1) {
                return -1;
            }
            long from = Math.max(header.length() + 1, length - TAIL_BYTES);
            byte[] tail = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(tail);
            return lastValue(header, new String(tail, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The {@value #COLUMN} value of the last newline-terminated row in {@code tail}, or -1 if none.
     *
     * @throws BenchmarkException if {@code header} has no such column
     */
    static long lastValue(String header, String tail) {
        List<String> names = List.of(header.trim().split(","));
        int column = names.indexOf(COLUMN);
        if (column < 0) {
            throw new BenchmarkException("JE statistics file has no column " + COLUMN + " (another JE version?)");
        }
        int end = tail.lastIndexOf('\n');
        if (end < 0) {
            return -1;
        }
        int start = tail.lastIndexOf('\n', end - 1) + 1;
        String[] cells = tail.substring(start, end).split(",", -1);
        if (cells.length <= column || cells[column].isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(cells[column].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
