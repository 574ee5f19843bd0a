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
