package io.raftkv.bench.cluster;

import java.util.List;

/**
 * A running three-member cluster the harness started on loopback, raftkv or etcd. Closing it
 * stops every member, even after a failure.
 */
sealed interface ServerCluster extends AutoCloseable permits RaftKvCluster, EtcdCluster {

    /** The members' processes, for CPU accounting and health checks. */
    List<ManagedProcess> members();

    /**
     * CPU all members have used so far, in nanoseconds.
     *
     * @return the sum, or -1 if the platform does not report a member's CPU
     */
    default long cpuNanos() {
        long sum = 0;
        for (ManagedProcess p : members()) {
            var cpu = p.handle().info().totalCpuDuration();
            if (cpu.isEmpty()) {
                return -1;
            }
            sum += cpu.get().toNanos();
        }
        return sum;
    }

    /**
     * Each member's resident set size now, from /proc/PID/status (VmRSS), e.g.
     * {@code "n1 312 MiB, n2 290 MiB"}; "unknown" for a member whose figure cannot be read.
     */
    default String rssSummary() {
        StringBuilder sb = new StringBuilder();
        for (ManagedProcess p : members()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p.name()).append(' ');
            long kib = -1;
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(
                        p.handle().pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                kib = -1;
            }
            sb.append(kib < 0 ? "unknown" : (kib / 1024) + " MiB");
        }
        return sb.toString();
    }

    /**
     * Throws if a member has exited.
     *
     * @throws io.raftkv.bench.load.BenchmarkException naming the member, with its log tail
     */
    default void checkAlive() {
        members().forEach(ManagedProcess::checkAlive);
    }

    /** Stops every member; blocking until they are gone. */
    @Override
    void close();
}
