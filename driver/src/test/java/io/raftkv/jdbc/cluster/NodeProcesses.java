package io.raftkv.jdbc.cluster;

import io.raftkv.testkit.FreePorts;
import io.raftkv.testkit.NodeCommand;
import io.raftkv.testkit.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A cluster of real node processes on 127.0.0.1 for the driver's tests, started with the node's
 * own command line (NodeMain, through the testkit's {@link NodeCommand}) on free ports.
 * {@link #close()} kills every process.
 */
public final class NodeProcesses implements AutoCloseable {

    /** The node JVM's options: small and quick to start, since several nodes share two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final List<Integer> ports = new ArrayList<>();
    private final List<NodeProcess> processes = new ArrayList<>();
    private final Path dir;

    private NodeProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code count} nodes with data and logs under {@code dir}. */
    public static NodeProcesses start(int count, Path dir) throws IOException {
        return start(count, dir, null);
    }

    /**
     * Starts {@code count} nodes with TLS on their port when {@code certs} is not null: node
     * {@code nK} uses {@code certs/nK.pem}, {@code certs/nK.key} and {@code certs/ca.pem}
     * (see {@link #makeCerts}).
     */
    public static NodeProcesses start(int count, Path dir, Path certs) throws IOException {
        return start(count, dir, certs, NodeCommand.Builder::authOff);
    }

    /**
     * Starts {@code count} nodes with authentication on, {@code user} as the bootstrap user whose
     * password is the first line of {@code passwordFile}, and few PBKDF2 iterations (fast tests).
     */
    public static NodeProcesses startWithAuth(int count, Path dir, String user, Path passwordFile) throws IOException {
        return start(count, dir, null, command -> command.authOn(user, passwordFile, 1000));
    }

    private static NodeProcesses start(int count, Path dir, Path certs, Consumer<NodeCommand.Builder> auth)
            throws IOException {
        NodeProcesses cluster = new NodeProcesses(dir);
        cluster.ports.addAll(FreePorts.pick(count));
        Map<String, Integer> memberPorts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            memberPorts.put("n" + (i + 1), cluster.ports.get(i));
        }
        String members = NodeCommand.loopbackMembers(memberPorts);
        try {
            for (String id : memberPorts.keySet()) {
                Files.createDirectories(dir.resolve(id));
                NodeCommand.Builder command = NodeCommand.builder(System.getProperty("java.class.path"))
                        .jvmOptions(JVM_OPTIONS).id(id).dataDir(dir.resolve(id)).cluster(members)
                        .args("--cache-mb", "16", "--free-disk-mb", "64");
                if (certs != null) {
                    command.tls(certs.resolve(id + ".pem"), certs.resolve(id + ".key"), certs.resolve("ca.pem"));
                }
                auth.accept(command);
                cluster.processes.add(NodeProcess.start(id, command.build(), dir.resolve(id + ".log")));
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Runs the project's {@code bin/make-certs} into {@code out} for {@code ids} (node ids and
     * {@code client:NAME}); blocks until it ends.
     *
     * @throws IOException with the script's output if it fails
     */
    public static void makeCerts(Path out, String... ids) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("user.dir")).resolveSibling("bin").resolve("make-certs");
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), out.toString()));
        cmd.addAll(List.of(ids));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("bin/make-certs failed: " + output);
        }
    }

    /** {@code jdbc:raftkv://} URL naming the nodes at {@code indexes} (0-based), or all. */
    public String url(int... indexes) {
        List<String> hosts = new ArrayList<>();
        if (indexes.length == 0) {
            ports.forEach(p -> hosts.add("127.0.0.1:" + p));
        } else {
            for (int i : indexes) {
                hosts.add("127.0.0.1:" + ports.get(i));
            }
        }
        return "jdbc:raftkv://" + String.join(",", hosts);
    }

    /** The log of node {@code index}, for failure messages. */
    public String log(int index) throws IOException {
        return Files.readString(dir.resolve("n" + (index + 1) + ".log"));
    }

    /** SIGKILLs every node and waits (up to 10 s each) until it is gone. */
    @Override
    public void close() {
        for (NodeProcess p : processes) {
            try {
                p.kill(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
