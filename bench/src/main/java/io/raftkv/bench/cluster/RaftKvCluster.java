package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.testkit.FreePorts;
import io.raftkv.testkit.NodeCommand;
import io.raftkv.testkit.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Three raftkv nodes ({@code io.raftkv.node.server.NodeMain}), each its own JVM on this JVM's
 * class path, on free loopback ports, data under one directory. Durable: the node syncs every
 * Raft append before acknowledging (its only mode).
 */
final class RaftKvCluster implements ServerCluster {

    /** The cluster id the nodes run with and clients must present. */
    static final String CLUSTER_ID = "raftkv";

    private final List<NodeAddress> addresses;
    private final List<ManagedProcess> processes;

    private RaftKvCluster(List<NodeAddress> addresses, List<ManagedProcess> processes) {
        this.addresses = addresses;
        this.processes = processes;
    }

    /**
     * Starts {@code size} nodes and waits until one leads. On a failure stops those started.
     *
     * @param javaOptions JVM options per node, e.g. {@code -Xmx1g}
     * @throws BenchmarkException if no leader is known within 60 s, with the nodes' log tails
     */
    static RaftKvCluster start(Path dir, int size, List<String> javaOptions, List<String> nodeOptions)
            throws IOException, InterruptedException {
        List<Integer> ports = FreePorts.pick(size);
        List<NodeAddress> addresses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> memberPorts = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            addresses.add(new NodeAddress("127.0.0.1", ports.get(i)));
            ids.add("n" + (i + 1));
            memberPorts.put(ids.get(i), ports.get(i));
        }
        String members = NodeCommand.loopbackMembers(memberPorts);
        List<ManagedProcess> processes = new ArrayList<>();
        RaftKvCluster cluster = new RaftKvCluster(addresses, processes);
        try {
            for (int i = 0; i < size; i++) {
                Path nodeDir = Files.createDirectories(dir.resolve(ids.get(i)));
                NodeCommand command = NodeCommand.builder(System.getProperty("java.class.path"))
                        .jvmOptions(javaOptions).id(ids.get(i)).dataDir(nodeDir.resolve("data")).cluster(members)
                        .clusterId(CLUSTER_ID).authOff().args(nodeOptions).build();
                processes.add(ManagedProcess.start(ids.get(i), command.command(), nodeDir.resolve("node.log"),
                        Duration.ofSeconds(10)));
            }
            cluster.awaitLeader(Duration.ofSeconds(60));
            return cluster;
        } catch (RuntimeException | IOException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    private void awaitLeader(Duration timeout) throws InterruptedException {
        try (RaftKvClient client = RaftKvClient.create(clientConfig(1).build())) {
            Readiness.await(timeout, Duration.ofMillis(200), this::checkAlive, () -> client.status().isLeader());
        } catch (Readiness.NotReadyException e) {
            StringBuilder logs = new StringBuilder();
            for (ManagedProcess p : processes) {
                logs.append("\n--- ").append(p.name()).append(" ---\n").append(p.logTail(10));
            }
            throw new BenchmarkException("no raftkv leader within " + timeout.toSeconds() + " s (last: "
                    + e.lastFailure() + ")" + logs, e);
        }
    }

    /** A client configuration for this cluster with every node as a seed. */
    ClientConfig.Builder clientConfig(int ioThreads) {
        return ClientConfig.builder(CLUSTER_ID, addresses).ioThreads(ioThreads).clientName("raftkv-bench");
    }

    /** The nodes' addresses, as a JDBC URL lists them: {@code h:p,h:p,h:p}. */
    String hostList() {
        return addresses.stream().map(NodeAddress::toString).collect(Collectors.joining(","));
    }

    @Override
    public List<ManagedProcess> members() {
        return processes;
    }

    @Override
    public void close() {
        processes.forEach(ManagedProcess::close);
    }
}
