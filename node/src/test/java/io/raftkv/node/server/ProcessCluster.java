package io.raftkv.node.server;

import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real node processes on 127.0.0.1 with ports picked free beforehand and data directories under
 * a test's temporary directory. {@link #close} kills every process it started.
 */
final class ProcessCluster implements AutoCloseable {

    static final String CLUSTER_ID = "it-cluster";

    private final Path root;
    private final Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
    private final Map<String, NodeProcess> running = new LinkedHashMap<>();
    private final List<String> extraArgs;

    ProcessCluster(Path root, int size, List<String> extraArgs) throws IOException {
        this.root = root;
        this.extraArgs = List.copyOf(extraArgs);
        for (int i = 1; i <= size; i++) {
            addresses.put("n" + i, new InetSocketAddress("127.0.0.1", freePort()));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Reserves an address for a node not started yet (e.g. one to add later). */
    InetSocketAddress reserve(String id) throws IOException {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", freePort());
        addresses.put(id, a);
        return a;
    }

    String clusterArg(Iterable<String> ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(id).append("=127.0.0.1:").append(addresses.get(id).getPort());
        }
        return sb.toString();
    }

    void startAll() throws IOException {
        for (String id : List.copyOf(addresses.keySet())) {
            start(id, clusterArg(addresses.keySet()), false);
        }
    }

    NodeProcess start(String id, String cluster, boolean join) throws IOException {
        List<String> args = new ArrayList<>(List.of("--id", id, "--data-dir", dataDir(id).toString(),
                "--cluster", cluster, "--cluster-id", CLUSTER_ID, "--cache-mb", "16", "--free-disk-mb", "8",
                "--tick-ms", "100"));
        if (join) {
            args.add("--join");
        }
        if (!extraArgs.contains("--auth")) {
            args.addAll(List.of("--auth", "off")); // these tests are about Raft; AuthenticationTest turns it on
        }
        args.addAll(extraArgs);
        NodeProcess p = NodeProcess.start(id, root.resolve(id + ".log"), args);
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
            Response r = c.call(new Request.Status());
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

    void kill(String id) throws InterruptedException {
        NodeProcess p = running.remove(id);
        if (p != null) {
            p.kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess p : running.values()) {
            p.kill();
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
