package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.testkit.NodeCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One raftkv node process started with the production JVM options ({@code bin/node-jvm.options},
 * the file {@code bin/raftkv node} passes as {@code java @file}) and the environment
 * {@code bin/raftkv node} sets ({@code MALLOC_ARENA_MAX=2}), through the testkit's launcher. Its
 * output is appended to a log. A JVM shutdown hook kills every node still running, so a failed or
 * interrupted benchmark leaves no process behind. Thread-safe.
 */
final class NodeProcess implements AutoCloseable {

    /** How long {@link #stop()} waits for the clean stop (JE closes, a checkpoint) before SIGKILL. */
    private static final Duration CLEAN_STOP = Duration.ofSeconds(60);

    private final io.raftkv.testkit.NodeProcess process;

    private NodeProcess(io.raftkv.testkit.NodeProcess process) {
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
        List<String> jvm = new ArrayList<>();
        jvm.add("@" + jvmOptionsFile.toAbsolutePath());
        jvm.addAll(extraJvm);
        NodeCommand command = NodeCommand.builder(System.getProperty("java.class.path")).jvmOptions(jvm).args(nodeArgs)
                .build();
        try {
            return new NodeProcess(io.raftkv.testkit.NodeProcess.start(id, command, log, Map.of("MALLOC_ARENA_MAX", "2"))
                    .reapOnExit());
        } catch (IOException e) {
            throw new BenchmarkException("cannot start node " + id + " (" + command.command().get(0) + "): "
                    + e.getMessage(), e);
        }
    }

    /** The node id, e.g. {@code n1}. */
    String id() {
        return process.id();
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
            throw new BenchmarkException("node " + id() + " exited with code " + process.exitValue() + "; its log "
                    + process.log() + " ends:\n" + logTail(20));
        }
    }

    /** The last {@code lines} lines of the node's log, for error messages. */
    String logTail(int lines) {
        return process.logTail(lines);
    }

    /**
     * SIGTERM, waits up to 60 s for the clean stop (JE closes, a checkpoint), then SIGKILL.
     * Blocking. Idempotent.
     *
     * @return the exit code, or -1 if it had to be killed
     */
    int stop() throws InterruptedException {
        return process.stop(CLEAN_STOP).orElse(-1);
    }

    /** {@link #stop()}, restoring the interrupt flag if interrupted (then the process is killed). */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
