package io.raftkv.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One started node process, its standard output and error appended to a log file. Signals other
 * than SIGTERM and SIGKILL go through {@code /bin/kill}, since Java sends only those two itself.
 * Readiness is the caller's: it asks the node through its own client (status, a leader).
 *
 * <p>Thread-safe as far as {@link Process} is; a caller that pauses and resumes from several
 * threads must order those itself.
 */
public final class NodeProcess {

    /** Processes registered with {@link #reapOnExit()} and not yet stopped; a shutdown hook kills these. */
    private static final Set<Process> REAPED_ON_EXIT = ConcurrentHashMap.newKeySet();
    private static volatile boolean reaperInstalled;

    private final String id;
    private final Path log;
    private final Process process;

    private NodeProcess(String id, Path log, Process process) {
        this.id = id;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code command}, its output appended to {@code log}. Returns at once; the node is
     * not serving yet.
     *
     * @param id  the node id, for messages
     * @param env variables added to this JVM's environment (e.g. {@code MALLOC_ARENA_MAX})
     * @throws IOException if the executable cannot be started
     */
    public static NodeProcess start(String id, NodeCommand command, Path log, Map<String, String> env)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new NodeProcess(id, log, pb.start());
    }

    /** {@link #start(String, NodeCommand, Path, Map)} with this JVM's environment. */
    public static NodeProcess start(String id, NodeCommand command, Path log) throws IOException {
        return start(id, command, log, Map.of());
    }

    /**
     * Kills this process (SIGKILL) if the JVM exits while it still runs, e.g. a harness stopped
     * by Ctrl-C. Stopping or killing it through this object unregisters it.
     *
     * @return this
     */
    public NodeProcess reapOnExit() {
        installReaper();
        REAPED_ON_EXIT.add(process);
        return this;
    }

    private static synchronized void installReaper() {
        if (!reaperInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> REAPED_ON_EXIT.forEach(Process::destroyForcibly),
                    "raftkv-node-reaper"));
            reaperInstalled = true;
        }
    }

    /** The node id given at start, e.g. {@code n1}. */
    public String id() {
        return id;
    }

    /** The operating-system process id of the java process. */
    public long pid() {
        return process.pid();
    }

    /** The process handle, e.g. for CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether it runs (a paused process runs). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The exit code.
     *
     * @throws IllegalThreadStateException if it still runs
     */
    public int exitValue() {
        return process.exitValue();
    }

    /** The log file its output is appended to. */
    public Path log() {
        return log;
    }

    /**
     * SIGKILL (no shutdown hook runs) and waits up to {@code wait} for it to be gone. A paused
     * process dies too. Blocking.
     *
     * @throws ProcessControlException if it still runs after {@code wait}
     */
    public void kill(Duration wait) throws InterruptedException {
        process.destroyForcibly();
        boolean gone = process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        REAPED_ON_EXIT.remove(process);
        if (!gone) {
            throw new ProcessControlException("node " + id + " (pid " + process.pid() + ") survived SIGKILL for "
                    + wait.toSeconds() + " s; kill it by hand");
        }
    }

    /**
     * SIGTERM, then waits up to {@code grace} for the clean stop (NodeMain's shutdown hook closes
     * JE); if it still runs, SIGKILL to it and its descendants and up to 10 s more. Blocking;
     * idempotent.
     *
     * @return the exit code, or empty if it had to be killed
     */
    public OptionalInt stop(Duration grace) throws InterruptedException {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.of(process.exitValue());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            if (!process.isAlive()) {
                REAPED_ON_EXIT.remove(process);
            }
        }
    }

    /**
     * SIGSTOP: the process freezes, its sockets stay open, peers see silence. Nothing if it has
     * exited. Blocking (runs {@code kill}).
     *
     * @throws ProcessControlException if {@code kill -STOP} cannot be run or fails
     */
    public void pause() throws InterruptedException {
        signal("-STOP");
    }

    /**
     * SIGCONT after {@link #pause()}; harmless on a running process, nothing on an exited one.
     *
     * @throws ProcessControlException if {@code kill -CONT} cannot be run or fails
     */
    public void resume() throws InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ProcessControlException("kill " + signal + " " + process.pid() + " (node " + id
                        + ") failed; is /bin/kill on the PATH?");
            }
        } catch (IOException e) {
            throw new ProcessControlException("cannot run kill " + signal + " for node " + id + ": " + e.getMessage(),
                    e);
        }
    }

    /** The whole log so far; empty if nothing was written yet. */
    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The last {@code lines} lines of the log, or a note saying why it cannot be read; for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}
