package io.raftkv.bench.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One etcd member's identity and ports, and the command line that starts it as part of a new
 * loopback cluster. Durability is etcd's default: every WAL write is fsynced.
 *
 * @param name       member name, e.g. {@code etcd-1}
 * @param clientPort where it serves clients (gRPC), on 127.0.0.1
 * @param peerPort   where it talks Raft with the other members, on 127.0.0.1
 */
record EtcdMember(String name, int clientPort, int peerPort) {

    /** The client URL, e.g. {@code http://127.0.0.1:2379}. */
    String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** The peer URL, e.g. {@code http://127.0.0.1:2380}. */
    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    /**
     * The command that starts this member of {@code all} (this member included) with its data in
     * {@code dataDir}: a new cluster, quiet logging, a backend quota of 8 GiB so the benchmark
     * does not hit etcd's 2 GiB default alarm.
     */
    List<String> command(String etcdBinary, Path dataDir, List<EtcdMember> all, String clusterToken) {
        String initialCluster = all.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
        return List.of(etcdBinary,
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl(),
                "--advertise-client-urls", clientUrl(),
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-token", clusterToken,
                "--initial-cluster-state", "new",
                "--quota-backend-bytes", Long.toString(8L << 30),
                "--logger", "zap",
                "--log-level", "warn");
    }
}
