package io.raftkv.chaos;

import io.raftkv.chaos.check.CheckOutcome;
import io.raftkv.chaos.check.Checker;
import io.raftkv.chaos.cluster.ChaosCluster;
import io.raftkv.chaos.history.History;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.nemesis.Nemesis;
import io.raftkv.chaos.report.Report;
import io.raftkv.chaos.report.TimelinePlot;
import io.raftkv.chaos.workload.JavaKvClient;
import io.raftkv.chaos.workload.JdbcKvClient;
import io.raftkv.chaos.workload.KvClient;
import io.raftkv.chaos.workload.OpFailedException;
import io.raftkv.chaos.workload.Workload;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClientException;
import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.ReadConsistency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One chaos run: start the cluster behind its link proxies, wait for a leader, run the workers
 * and the nemesis, heal everything, let the cluster settle, stop the workers, read back the set
 * and the groups, stop the cluster, check the history, write the report and the timeline.
 *
 * <p>Blocking; runs on the caller's thread plus one thread per worker. Every node process is
 * killed before {@link #run} returns or throws.
 */
public final class ChaosRun {

    /** The default cluster id: the JDBC driver connects to that one only. */
    private static final String CLUSTER_ID = "raftkv";
    private static final Duration LEADER_WAIT = Duration.ofSeconds(60);
    private static final Duration FINAL_READ_WAIT = Duration.ofSeconds(90);

    private final ChaosConfig config;

    /** A run of {@code config}; nothing starts before {@link #run}. */
    public ChaosRun(ChaosConfig config) {
        this.config = config;
    }

    /**
     * Runs, checks and reports.
     *
     * @throws IOException if the output directory or a node process cannot be set up
     * @throws io.raftkv.chaos.cluster.ChaosClusterException if no leader is elected within a minute
     *     of the start (nothing was tested then) or a signal cannot be sent
     */
    public RunResult run() throws IOException, InterruptedException {
        Files.createDirectories(config.outDir());
        clearEarlierRun(config.outDir().resolve("cluster"));
        Checker.selfTest();
        Workload workload = new Workload(config.opsPerKey());
        Nemesis nemesis;
        long runNanos;
        List<HistoryOp> ops;
        try (History history = new History(config.outDir().resolve("history.tsv"));
                ChaosCluster cluster = ChaosCluster.start(config.outDir().resolve("cluster"), CLUSTER_ID,
                        config.nodes(), config.nodeArgs());
                JavaKvClient admin = JavaKvClient.open(CLUSTER_ID, cluster.clientSeeds(), "chaos-admin",
                        Duration.ofSeconds(5), ReadConsistency.LINEARIZABLE, null)) {
            awaitLeader(admin);
            nemesis = new Nemesis(cluster, admin.raw(), new Random(config.seed()), history::now);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = startWorkers(cluster, workload, history, stop);
            try {
                nemesis.run(config.schedule());
                cluster.healLinks();
                cluster.reviveAll();
                Thread.sleep(config.settle().toMillis()); // the schedule's last quiet stretch
            } finally {
                stop.set(true);
                nemesis.stop();
                for (Thread w : workers) {
                    w.join(config.requestTimeout().toMillis() * 3 + 5000);
                }
            }
            cluster.healLinks();
            cluster.reviveAll();
            finalReads(cluster, history);
            runNanos = history.now();
            ops = history.ops();
        }
        CheckOutcome check = Checker.check(ops, config.budget());
        RunResult result = new RunResult(config, ops, nemesis.events(), check, workload.clientErrors(), runNanos,
                config.outDir().resolve("report.txt"));
        Report.write(result, result.report());
        TimelinePlot.write(result, config.outDir().resolve("timeline.png"));
        return result;
    }

    /**
     * Removes the cluster directory an earlier run left in the same output directory: nodes
     * would restart from its data directories, with that run's ports. Only a directory this
     * tool made (it holds the {@code classpath} snapshot) is removed.
     *
     * @throws IOException if it cannot be removed, or if it exists and was not made by a run
     */
    private static void clearEarlierRun(Path clusterDir) throws IOException {
        if (!Files.exists(clusterDir)) {
            return;
        }
        if (!Files.isDirectory(clusterDir.resolve("classpath"))) {
            throw new IOException(clusterDir + " exists and was not made by a chaos run; choose another --out");
        }
        try (Stream<Path> files = Files.walk(clusterDir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private void awaitLeader(JavaKvClient admin) throws InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                ClusterStatus s = admin.raw().status();
                if (s.isLeader() || !s.leaderId().isEmpty()) {
                    return;
                }
                last = s.toString();
            } catch (RaftKvClientException e) {
                last = e.getMessage();
            }
            Thread.sleep(100); // poll interval while the election runs
        }
        throw new io.raftkv.chaos.cluster.ChaosClusterException("no leader within " + LEADER_WAIT.toSeconds()
                + " s of starting the cluster (last: " + last + "); read the node logs under " + config.outDir()
                + "/cluster");
    }

    private List<Thread> startWorkers(ChaosCluster cluster, Workload workload, History history, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        List<NodeAddress> seeds = cluster.clientSeeds();
        for (int i = 0; i < config.workers() + config.jdbcWorkers(); i++) {
            boolean jdbc = i >= config.workers();
            String name = jdbc ? "jdbc-" + (i - config.workers()) : "java-" + i;
            NodeAddress readNode = config.pinnedReads() ? seeds.get(i % seeds.size()) : null;
            Random random = new Random(config.seed() * 1_000_003L + i);
            Thread t = new Thread(() -> {
                try (KvClient kv = jdbc ? JdbcKvClient.open(seeds, config.requestTimeout().toMillis())
                        : JavaKvClient.open(CLUSTER_ID, seeds, name, config.requestTimeout(), config.reads(), readNode)) {
                    while (!stop.get()) {
                        workload.step(name, kv, history, random);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (SQLException | RuntimeException e) {
                    workload.clientError(name + " stopped: " + e);
                }
            }, "chaos-" + name);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    /** Reads every set key and every group, retrying until the healed cluster answers. */
    private void finalReads(ChaosCluster cluster, History history) throws InterruptedException {
        try (KvClient kv = JavaKvClient.open(CLUSTER_ID, cluster.clientSeeds(), "final", Duration.ofSeconds(10),
                ReadConsistency.LINEARIZABLE, null)) {
            for (String prefix : List.of(Workload.SET_PREFIX, Workload.GROUP_PREFIX)) {
                long deadline = System.nanoTime() + FINAL_READ_WAIT.toNanos();
                while (true) {
                    long id = history.nextId();
                    long t0 = history.now();
                    try {
                        String result = Workload.encode(kv.scan(prefix, 1000, false));
                        history.completed(new HistoryOp(id, "final", OpType.FINAL_READ, prefix, null, null,
                                Outcome.OK, result, t0, history.now()));
                        break;
                    } catch (OpFailedException e) {
                        history.completed(new HistoryOp(id, "final", OpType.FINAL_READ, prefix, null, null,
                                Outcome.FAIL, null, t0, history.now()));
                        if (System.nanoTime() > deadline) {
                            break;
                        }
                    }
                }
            }
        }
    }
}
