package io.raftkv.node.server;

import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.testkit.ClasspathSnapshot;
import io.raftkv.testkit.FreePorts;
import io.raftkv.testkit.NodeCommand;
import io.raftkv.testkit.NodeProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Real node processes on 127.0.0.1 with ports picked free beforehand and data directories under
 * a test's temporary directory, started with the testkit ({@link NodeCommand}, {@link NodeProcess})
 * from a {@link ClasspathSnapshot} of the test classpath. {@link #close} kills every process it started.
 */
final class ProcessCluster implements AutoCloseable {

    static final String CLUSTER_ID = "it-cluster";

    private final Path root;
    private final Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
    private final Map<String, NodeProcess> running = new LinkedHashMap<>();
    private final List<String> extraArgs;

    /** How long a SIGKILLed node may take to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(20);

    /** The node JVM's options: small and quick to start, since several nodes share two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");

    ProcessCluster(Path root, int size, List<String> extraArgs) throws IOException {
        this.root = root;
        this.extraArgs = List.copyOf(extraArgs);
        for (int i = 1; i <= size; i++) {
            addresses.put("n" + i, new InetSocketAddress("127.0.0.1", FreePorts.one()));
        }
    }

    /** Reserves an address for a node not started yet (e.g. one to add later). */
    InetSocketAddress reserve(String id) throws IOException {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", FreePorts.one());
        addresses.put(id, a);
        return a;
    }

    String clusterArg(Iterable<String> ids) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String id : ids) {
            ports.put(id, addresses.get(id).getPort());
        }
        return NodeCommand.loopbackMembers(ports);
    }

    void startAll() throws IOException {
        for (String id : List.copyOf(addresses.keySet())) {
            start(id, clusterArg(addresses.keySet()), false);
        }
    }

    NodeProcess start(String id, String cluster, boolean join) throws IOException {
        NodeCommand.Builder command = NodeCommand.builder(ClasspathSnapshot.ofThisJvm()).jvmOptions(JVM_OPTIONS).id(id)
                .dataDir(dataDir(id)).cluster(cluster).clusterId(CLUSTER_ID)
                .args("--cache-mb", "16", "--free-disk-mb", "8", "--tick-ms", "100");
        if (join) {
            command.join();
        }
        if (!extraArgs.contains("--auth")) {
            command.authOff(); // these tests are about Raft; AuthenticationTest turns it on
        }
        command.args(extraArgs);
        NodeProcess p = NodeProcess.start(id, command.build(), root.resolve(id + ".log"));
        running.put(id, p);
        return p;
    }

    /** Restarts a stopped node from its data directory. */
    NodeProcess restart(String id) throws IOException {
        return start(id, clusterArg(List.of(id)), false);
    }

    Path dataDir(String id) {
        return root.resolve(id);
    }

    NodeProcess process(String id) {
        return running.get(id);
    }

    InetSocketAddress address(String id) {
        return addresses.get(id);
    }

    List<String> ids() {
        return List.copyOf(addresses.keySet());
    }

    /** The status one node reports, or null if it does not answer. */
    ClusterStatus status(String id) {
        try (RawClient c = RawClient.open(addresses.get(id), CLUSTER_ID)) {
            c.setTimeoutMillis(3000);
            Response r = c.call(new Request.Status(true));
            return r instanceof Response.StatusResult s ? s.status() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Waits until one of {@code among} says it leads; returns its id. */
    String awaitLeader(List<String> among, Duration limit) throws InterruptedException {
        return Eventually.await(limit, "a leader among " + among, () -> {
            for (String id : among) {
                ClusterStatus s = status(id);
                if (s != null && s.isLeader()) {
                    return id;
                }
            }
            return null;
        });
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill(String id) throws InterruptedException {
        NodeProcess p = running.remove(id);
        if (p != null) {
            p.kill(KILL_WAIT);
        }
    }

    /**
     * SIGTERM to a node, then waits for its clean stop; returns the exit code.
     *
     * @throws AssertionError if it does not stop within 30 s (it is then killed)
     */
    int terminate(String id) throws InterruptedException {
        OptionalInt code = running.get(id).stop(Duration.ofSeconds(30));
        if (code.isEmpty()) {
            throw new AssertionError(id + " did not stop within 30 s of SIGTERM");
        }
        return code.getAsInt();
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess p : running.values()) {
            p.kill(KILL_WAIT);
        }
        running.clear();
        keepLogs();
    }

    /** Copies the node logs to target/it-logs so a failed run can be read after @TempDir is gone. */
    private void keepLogs() {
        Path keep = Path.of("target", "it-logs", String.valueOf(System.currentTimeMillis()));
        try (var files = java.nio.file.Files.list(root)) {
            java.nio.file.Files.createDirectories(keep);
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".log"))::iterator) {
                java.nio.file.Files.copy(p, keep.resolve(p.getFileName()));
            }
        } catch (IOException e) {
            System.err.println("could not keep node logs: " + e);
        }
    }
}
