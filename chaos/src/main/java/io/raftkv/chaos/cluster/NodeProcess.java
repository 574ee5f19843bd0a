package io.raftkv.chaos.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real node process ({@code java ... io.raftkv.node.server.NodeMain}) started from a
 * {@link ClasspathSnapshot}, its output appended to a log file. Signals go through {@code /bin/kill}, since Java
 * can only send SIGTERM and SIGKILL itself. Not thread-safe: the nemesis thread owns it.
 */
final class NodeProcess {

    private static final String MAIN = "io.raftkv.node.server.NodeMain";

    private final String id;
    private final Process process;

    private NodeProcess(String id, Process process) {
        this.id = id;
        this.process = process;
    }

    /**
     * Starts a node.
     *
     * @param classpath the classpath of the node JVM
     * @param log      where stdout and stderr are appended
     * @param nodeArgs NodeMain's arguments
     * @throws IOException if the JVM cannot be launched
     */
    static NodeProcess start(String id, String classpath, Path log, List<String> nodeArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx160m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN);
        cmd.addAll(nodeArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new NodeProcess(id, pb.start());
    }

    String id() {
        return id;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL and wait (up to 20 s) for the process to be gone; no shutdown hook runs. */
    void kill() throws InterruptedException {
        resume();
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new ChaosClusterException("node " + id + " (pid " + process.pid()
                    + ") survived SIGKILL for 20 s; kill it by hand");
        }
    }

    /** SIGSTOP: the process freezes, sockets stay open, peers see silence. */
    void pause() throws InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause()}; harmless on a running process. */
    void resume() throws InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ChaosClusterException("kill " + signal + " " + process.pid() + " (node " + id
                        + ") failed; is /bin/kill on the PATH?");
            }
        } catch (IOException e) {
            throw new ChaosClusterException("cannot run kill " + signal + " for node " + id + ": " + e.getMessage(), e);
        }
    }
}
