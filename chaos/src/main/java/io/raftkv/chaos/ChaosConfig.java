package io.raftkv.chaos;

import io.raftkv.chaos.nemesis.Schedule;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.node.check.Budget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a chaos run needs, validated once. Build with {@link #defaults(Path, Schedule)} and
 * the {@code with...} methods.
 *
 * @param outDir         history, report, plot, node data and logs go here
 * @param nodes          initial cluster size, 3 or 5
 * @param schedule       the faults
 * @param seed           seeds the workers' and the nemesis' choices
 * @param workers        concurrent Java-client threads (one client each), 0..64
 * @param jdbcWorkers    concurrent JDBC threads (one connection each), 0..64; at least one worker in all
 * @param requestTimeout how long one client call may take, retries included
 * @param reads          LINEARIZABLE normally; STALE with {@code pinnedReads} is the follower-read
 *                       negative control
 * @param pinnedReads    each worker reads through a client that knows only one node (worker i
 *                       reads from node i mod N)
 * @param opsPerKey      operations after which a register key or group is retired
 * @param nodeArgs       extra NodeMain arguments for every node (e.g. a test-only switch)
 * @param budget         linearizability search allowed per key
 * @param settle         healthy time at the end, after the last fault, before the workers stop
 */
public record ChaosConfig(Path outDir, int nodes, Schedule schedule, long seed, int workers, int jdbcWorkers,
        Duration requestTimeout,
        ReadConsistency reads, boolean pinnedReads, int opsPerKey, List<String> nodeArgs, Budget budget,
        Duration settle) {

    /** @throws IllegalArgumentException naming the field out of range */
    public ChaosConfig {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(settle, "settle");
        nodeArgs = List.copyOf(nodeArgs);
        if (nodes != 3 && nodes != 5) {
            throw new IllegalArgumentException("nodes must be 3 or 5, was " + nodes);
        }
        if (workers < 0 || workers > 64 || jdbcWorkers < 0 || jdbcWorkers > 64 || workers + jdbcWorkers < 1) {
            throw new IllegalArgumentException("workers and jdbcWorkers must be in 0..64 with at least one in all, were "
                    + workers + " and " + jdbcWorkers);
        }
        if (opsPerKey < 10) {
            throw new IllegalArgumentException("opsPerKey must be at least 10, was " + opsPerKey);
        }
    }

    /** 3 nodes, 6 Java workers, 0 JDBC workers, seed 1, 3 s requests, linearizable reads, 150 ops per key, 5 s settle. */
    public static ChaosConfig defaults(Path outDir, Schedule schedule) {
        return new ChaosConfig(outDir, 3, schedule, 1, 6, 0, Duration.ofSeconds(3), ReadConsistency.LINEARIZABLE,
                false, 150, List.of(), Budget.of(20_000_000L, Duration.ofSeconds(30)), Duration.ofSeconds(5));
    }

    /** This config with {@code nodes} = value (3 or 5, checked). */
    public ChaosConfig withNodes(int value) {
        return new ChaosConfig(outDir, value, schedule, seed, workers, jdbcWorkers, requestTimeout, reads, pinnedReads,
                opsPerKey, nodeArgs, budget, settle);
    }

    /** This config with another seed. */
    public ChaosConfig withSeed(long value) {
        return new ChaosConfig(outDir, nodes, schedule, value, workers, jdbcWorkers, requestTimeout, reads, pinnedReads,
                opsPerKey, nodeArgs, budget, settle);
    }

    /** This config with {@code value} Java-client workers. */
    public ChaosConfig withWorkers(int value) {
        return new ChaosConfig(outDir, nodes, schedule, seed, value, jdbcWorkers, requestTimeout, reads, pinnedReads,
                opsPerKey, nodeArgs, budget, settle);
    }

    /** This config with {@code value} JDBC workers. */
    public ChaosConfig withJdbcWorkers(int value) {
        return new ChaosConfig(outDir, nodes, schedule, seed, workers, value, requestTimeout, reads, pinnedReads,
                opsPerKey, nodeArgs, budget, settle);
    }

    /** Reads at {@code value}; {@code pinned} sends each Java worker's reads to one node. */
    public ChaosConfig withReads(ReadConsistency value, boolean pinned) {
        return new ChaosConfig(outDir, nodes, schedule, seed, workers, jdbcWorkers, requestTimeout, value, pinned,
                opsPerKey, nodeArgs, budget, settle);
    }

    /** This config retiring keys after {@code value} operations (at least 10, checked). */
    public ChaosConfig withOpsPerKey(int value) {
        return new ChaosConfig(outDir, nodes, schedule, seed, workers, jdbcWorkers, requestTimeout, reads, pinnedReads,
                value, nodeArgs, budget, settle);
    }

    /** This config passing {@code value} to every node's command line. */
    public ChaosConfig withNodeArgs(List<String> value) {
        return new ChaosConfig(outDir, nodes, schedule, seed, workers, jdbcWorkers, requestTimeout, reads, pinnedReads,
                opsPerKey, value, budget, settle);
    }
}
