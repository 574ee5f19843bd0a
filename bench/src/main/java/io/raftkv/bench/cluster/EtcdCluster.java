package io.raftkv.bench.cluster;

import io.raftkv.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three etcd members on loopback, data under one directory, started from {@code etcdBinary}.
 * The members elect a leader on their own; the etcd driver waits for it.
 */
final class EtcdCluster implements ServerCluster {

    private final List<EtcdMember> members;
    private final List<ManagedProcess> processes;

    private EtcdCluster(List<EtcdMember> members, List<ManagedProcess> processes) {
        this.members = members;
        this.processes = processes;
    }

    /**
     * Starts three members on free loopback ports. Returns once the processes run (not yet
     * necessarily elected); on a failure stops those already started.
     *
     * @param dir where each member gets its data dir and log file
     */
    static EtcdCluster start(String etcdBinary, Path dir, int size) throws IOException {
        List<Integer> ports = FreePorts.pick(2 * size);
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new EtcdMember("etcd-" + (i + 1), ports.get(2 * i), ports.get(2 * i + 1)));
        }
        List<ManagedProcess> processes = new ArrayList<>();
        EtcdCluster cluster = new EtcdCluster(members, processes);
        try {
            for (EtcdMember m : members) {
                Path data = Files.createDirectories(dir.resolve(m.name()));
                processes.add(ManagedProcess.start(m.name(), m.command(etcdBinary, data.resolve("data"), members,
                        "raftkv-bench-" + ProcessHandle.current().pid()), data.resolve("etcd.log"), Duration.ofSeconds(3)));
            }
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every member's client URL. */
    List<String> clientUrls() {
        return members.stream().map(EtcdMember::clientUrl).toList();
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
