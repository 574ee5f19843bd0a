package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server process the harness started (a raftkv node or an etcd member), its output going to a
 * log file. Every instance is registered until stopped, and a JVM shutdown hook kills whatever
 * is still registered, so an interrupted or failed run leaves no process behind.
 * Thread-safe.
 */
final class ManagedProcess implements AutoCloseable {

    /** Processes started and not yet stopped; the shutdown hook kills these. */
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    /** Directories to delete once the processes are gone, when the JVM exits before the harness could. */
    private static final Set<Path> TEMP_DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::reapAll, "bench-process-reaper"));
    }

    /** Kills every live process, waits for them, then deletes the registered temp dirs. */
    private static void reapAll() {
        for (ManagedProcess p : LIVE) {
            p.process.descendants().forEach(ProcessHandle::destroyForcibly);
            p.process.destroyForcibly();
        }
        for (ManagedProcess p : LIVE) {
            try {
                p.process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Path dir : TEMP_DIRS) {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                System.err.println("raftkv bench: could not delete " + dir + ": " + e.getMessage());
            }
        }
    }

    /**
     * Registers a temp dir to delete if the JVM exits (signal, failure) while it still exists.
     * Call {@link #deleteTree} and {@link #forgetTempDir} on the normal path.
     */
    static void deleteOnExit(Path dir) {
        TEMP_DIRS.add(dir);
    }

    /** Undoes {@link #deleteOnExit}. */
    static void forgetTempDir(Path dir) {
        TEMP_DIRS.remove(dir);
    }

    /** Deletes {@code root} and everything under it; nothing if it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private final String name;
    private final Process process;
    /** Where its output goes; null when the harness reads the output itself. */
    private final Path log;
    private final Duration gracefulStop;

    private ManagedProcess(String name, Process process, Path log, Duration gracefulStop) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.gracefulStop = gracefulStop;
    }

    /**
     * Starts {@code command} with standard output and error appended to {@code log}.
     *
     * @param gracefulStop how long {@link #close()} waits after SIGTERM before SIGKILL
     * @throws BenchmarkException if the executable cannot be started
     */
    static ManagedProcess start(String name, List<String> command, Path log, Duration gracefulStop) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            ManagedProcess p = new ManagedProcess(name, builder.start(), log, gracefulStop);
            LIVE.add(p);
            return p;
        } catch (IOException e) {
            throw new BenchmarkException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Tracks a process the caller started and whose output it reads itself (the etcd driver), so
     * that it too is killed if the harness exits early.
     */
    static ManagedProcess adopt(String name, Process process, Duration gracefulStop) {
        ManagedProcess p = new ManagedProcess(name, process, null, gracefulStop);
        LIVE.add(p);
        return p;
    }

    /** The name given at start, e.g. {@code n1} or {@code etcd-2}. */
    String name() {
        return name;
    }

    /** The operating-system process, for CPU accounting. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether it still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The last {@code lines} lines of its log, for error messages. */
    String logTail(int lines) {
        if (log == null) {
            return "(output read by the harness)";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Throws if the process has exited.
     *
     * @throws BenchmarkException with its exit code and log tail
     */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new BenchmarkException(name + " exited with code " + process.exitValue() + "; its log " + log
                    + " ends:\n" + logTail(15));
        }
    }

    /** SIGTERM, then SIGKILL after the graceful period; waits until it is gone. Idempotent. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(gracefulStop.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
        }
    }
}
