package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The memory figures of one process from Linux's {@code /proc/<pid>/status}.
 *
 * @param rssKib resident set size now ({@code VmRSS}), KiB, at least 0
 * @param hwmKib the largest resident set size this process has had ({@code VmHWM}), KiB, at least 0
 */
public record ProcStatus(long rssKib, long hwmKib) {

    public ProcStatus {
        if (rssKib < 0 || hwmKib < 0) {
            throw new IllegalArgumentException("rssKib and hwmKib must be at least 0, were " + rssKib + " and " + hwmKib);
        }
    }

    /**
     * Reads {@code /proc/<pid>/status}. Any thread; one small file read.
     *
     * @throws BenchmarkException if the process is gone, or the file has no VmRSS/VmHWM line
     *                            (not Linux, or a kernel thread)
     */
    public static ProcStatus read(long pid) {
        Path file = Path.of("/proc", Long.toString(pid), "status");
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BenchmarkException("process " + pid + " is gone: " + file + " does not exist", e);
        } catch (IOException e) {
            throw new BenchmarkException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a {@code /proc/<pid>/status} file.
     *
     * @throws BenchmarkException naming the missing or malformed field
     */
    public static ProcStatus parse(String status) {
        return new ProcStatus(field(status, "VmRSS"), field(status, "VmHWM"));
    }

    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new BenchmarkException("malformed " + name + " line in /proc status: '" + line + "'");
                }
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    throw new BenchmarkException("malformed " + name + " value in /proc status: '" + line + "'", e);
                }
            }
        }
        throw new BenchmarkException("no " + name + " line in /proc status (a Linux process is needed)");
    }

    /** {@link #rssKib} in MiB, rounded down. */
    public long rssMib() {
        return rssKib / 1024;
    }

    /** {@link #hwmKib} in MiB, rounded down. */
    public long hwmMib() {
        return hwmKib / 1024;
    }
}
