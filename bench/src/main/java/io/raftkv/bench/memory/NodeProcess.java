package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One raftkv node process started with the production JVM options ({@code bin/node-jvm.options},
 * the file {@code bin/raftkv node} passes as {@code java @file}) and the environment
 * {@code bin/raftkv node} sets ({@code MALLOC_ARENA_MAX=2}). Its output is appended to a log.
 * A JVM shutdown hook kills every node still running, so a failed or interrupted benchmark leaves
 * no process behind. Thread-safe.
 */
final class NodeProcess implements AutoCloseable {

    /** Started and not yet stopped; the shutdown hook kills these. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "memory-bench-reaper"));
    }

    private final String id;
    private final Path log;
    private final Process process;

    private NodeProcess(String id, Path log, Process process) {
        this.id = id;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code io.raftkv.node.server.NodeMain} on this JVM's class path. Returns at once; the
     * node is not yet serving.
     *
     * @param jvmOptionsFile the production options file, {@code bin/node-jvm.options}
     * @param extraJvm       appended after the file's options (the last of a flag wins), e.g. NMT
     * @param nodeArgs       NodeMain's arguments
     * @throws BenchmarkException if the options file is missing or java cannot be started
     */
    static NodeProcess start(String id, Path jvmOptionsFile, List<String> extraJvm, List<String> nodeArgs, Path log) {
        if (!Files.isRegularFile(jvmOptionsFile)) {
            throw new BenchmarkException("no JVM options file " + jvmOptionsFile + ": pass --home, the raftkv checkout");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + jvmOptionsFile.toAbsolutePath());
        command.addAll(extraJvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.raftkv.node.server.NodeMain"));
        command.addAll(nodeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        try {
            Process process = builder.start();
            LIVE.add(process);
            return new NodeProcess(id, log, process);
        } catch (IOException e) {
            throw new BenchmarkException("cannot start node " + id + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** The node id, e.g. {@code n1}. */
    String id() {
        return id;
    }

    /** The operating-system process id (the java process itself). */
    long pid() {
        return process.pid();
    }

    /**
     * Throws if the process has exited.
     *
     * @throws BenchmarkException with the exit code and the end of its log
     */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new BenchmarkException("node " + id + " exited with code " + process.exitValue() + "; its log " + log
                    + " ends:\n" + logTail(20));
        }
    }

    /** The last {@code lines} lines of the node's log, for error messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGTERM, waits up to 60 s for the clean stop (JE closes, a checkpoint), then SIGKILL.
     * Blocking. Idempotent.
     *
     * @return the exit code, or -1 if it had to be killed
     */
    int stop() throws InterruptedException {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return -1;
                }
            }
            return process.exitValue();
        } finally {
            LIVE.remove(process);
        }
    }

    /** {@link #stop()}, restoring the interrupt flag if interrupted (then the process is killed). */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
