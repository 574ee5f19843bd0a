package io.raftkv.jdbc.cluster;

import io.raftkv.node.server.NodeMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster of real node processes on 127.0.0.1 for the driver's tests, started with the node's
 * own command line ({@link NodeMain}) on free ports. {@link #close()} kills every process.
 */
public final class NodeProcesses implements AutoCloseable {

    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
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
        return start(count, dir, certs, List.of("--auth", "off"));
    }

    /**
     * Starts {@code count} nodes with authentication on, {@code user} as the bootstrap user whose
     * password is the first line of {@code passwordFile}, and few PBKDF2 iterations (fast tests).
     */
    public static NodeProcesses startWithAuth(int count, Path dir, String user, Path passwordFile) throws IOException {
        return start(count, dir, null, List.of("--auth", "on", "--bootstrap-user", user, "--bootstrap-password-file",
                passwordFile.toString(), "--auth-iterations", "1000"));
    }

    private static NodeProcesses start(int count, Path dir, Path certs, List<String> extraArgs) throws IOException {
        NodeProcesses cluster = new NodeProcesses(dir);
        for (int i = 0; i < count; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                cluster.ports.add(s.getLocalPort());
            }
        }
        String members = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "n" + (i + 1) + "=127.0.0.1:" + cluster.ports.get(i))
                .collect(Collectors.joining(","));
        try {
            for (int i = 0; i < count; i++) {
                String id = "n" + (i + 1);
                Files.createDirectories(dir.resolve(id));
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                        "--id", id, "--data-dir", dir.resolve(id).toString(), "--cluster", members,
                        "--cache-mb", "16", "--free-disk-mb", "64"));
                if (certs != null) {
                    cmd.addAll(List.of("--tls-cert", certs.resolve(id + ".pem").toString(),
                            "--tls-key", certs.resolve(id + ".key").toString(),
                            "--tls-ca", certs.resolve("ca.pem").toString()));
                }
                cmd.addAll(extraArgs);
                cluster.processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve(id + ".log").toFile()).start());
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

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
