package io.raftkv.bench.memory;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.api.RequestFailedException;
import io.raftkv.client.rpc.Response;
import io.raftkv.testkit.Readiness;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The phases of one memory benchmark: start the nodes, load (with {@code --load-jvm}: then snapshot
 * and start again on the production options, the "reopen" phase), read, restart and read again,
 * with a memory sample of every node each second. Used by the benchmark's main thread.
 */
final class MemoryRun {

    private static final long SAMPLE_NANOS = 1_000_000_000L;
    /** Concurrent gets in the read phases. */
    private static final int READ_LANES = 16;

    /** Snapshots taken on request during the load, and their total time; written by the loading thread. */
    private volatile int snapshots;
    private volatile long snapshotNanos;

    private final MemoryBench options;
    private final Path data;
    private final String members;
    private final PrintStream log = System.out;

    private final List<NodeAddress> addresses;

    MemoryRun(MemoryBench options, Path data, String members, List<NodeAddress> addresses) {
        this.options = options;
        this.data = data;
        this.members = members;
        this.addresses = List.copyOf(addresses);
    }

    /**
     * Starts every node (returns at once; see {@link #awaitLeader}). The first start enables JE
     * statistics.
     *
     * @param forLoad true to add {@code --load-jvm} to the production options
     */
    List<MemorySampler.Node> startNodes(boolean forLoad) throws IOException {
        List<String> jvm = new ArrayList<>(options.extraJvm);
        if (forLoad) {
            jvm.addAll(options.loadJvm);
        }
        List<MemorySampler.Node> started = new ArrayList<>();
        for (int i = 1; i <= options.nodes; i++) {
            String id = "n" + i;
            Path nodeDir = Files.createDirectories(data.resolve(id));
            Path jeDir = nodeDir.resolve("je");
            if (!Files.exists(jeDir)) {
                JeCacheStats.enable(jeDir);
            }
            // the benchmark's clients do not authenticate
            List<String> args = new ArrayList<>(List.of("--id", id, "--data-dir", nodeDir.toString(), "--cluster",
                    members, "--cluster-id", MemoryBench.CLUSTER_ID, "--auth", "off"));
            args.addAll(options.nodeArgs);
            NodeProcess p = NodeProcess.start(id, options.jvmOptionsFile(), jvm, args,
                    data.resolve(id + ".log"));
            started.add(new MemorySampler.Node(p, jeDir));
        }
        return started;
    }

    /**
     * Waits up to 5 minutes (a restart recovers the log) until the client knows a leader.
     *
     * @throws BenchmarkException if a node exits or no leader is known in time
     */
    void awaitLeader(RaftKvClient client, List<MemorySampler.Node> nodes) throws InterruptedException {
        try {
            Readiness.await(Duration.ofNanos(300 * SAMPLE_NANOS), Duration.ofMillis(200),
                    () -> nodes.forEach(n -> n.process().checkAlive()), () -> client.status().isLeader());
        } catch (Readiness.NotReadyException e) {
            throw new BenchmarkException("no leader within 300 s (last: " + e.lastFailure() + "); node log: "
                    + nodes.get(0).process().logTail(10), e);
        }
    }

    /** The load phase, then the read phase. */
    MemoryResult loadAndRead(RaftKvClient client, MemorySampler sampler, List<MemorySampler.Node> nodes)
            throws InterruptedException, IOException {
        KeyLoader loader = new KeyLoader(client, options.keys, options.batch, options.inFlight, options.valueBytes);
        ClientConfig adminConfig = ClientConfig.builder(MemoryBench.CLUSTER_ID, addresses).clientName("raftkv-memory-admin")
                .ioThreads(1).requestTimeout(Duration.ofMinutes(10)).attemptTimeout(Duration.ofMinutes(10)).build();
        RaftKvClient admin = RaftKvClient.create(adminConfig);
        if (options.snapshotEveryMib > 0) {
            loader.pauseEvery(options.snapshotEveryMib << 20, keysLoaded -> snapshotAll(admin, keysLoaded));
        }
        try {
            return loadAndRead(client, admin, sampler, nodes, loader);
        } finally {
            admin.close();
        }
    }

    /** Every node takes a snapshot now; retried while one is already being taken. Loading thread. */
    private void snapshotAll(RaftKvClient admin, long keysLoaded) throws InterruptedException {
        for (NodeAddress node : addresses) {
            long start = System.nanoTime();
            Response.AdminResult result;
            while (true) {
                try {
                    result = admin.triggerSnapshot(node);
                    break;
                } catch (RequestFailedException e) {
                    if (!"snapshotInProgress".equals(e.limitName())) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            snapshots++;
            snapshotNanos += System.nanoTime() - start;
            log.printf(Locale.ROOT, "snapshot of %s at %,d keys: %.1f s (%s)%n", node, keysLoaded,
                    (System.nanoTime() - start) / 1e9, result.detail());
        }
    }

    private MemoryResult loadAndRead(RaftKvClient client, RaftKvClient admin, MemorySampler sampler,
            List<MemorySampler.Node> nodes, KeyLoader loader) throws InterruptedException, IOException {
        long start = System.nanoTime();
        long limit = options.maxLoadSeconds > 0 ? start + options.maxLoadSeconds * SAMPLE_NANOS : Long.MAX_VALUE;
        loader.start();
        long lastCount = 0;
        long lastTime = start;
        boolean stopped = false;
        while (!loader.finished()) {
            sleepUntil(lastTime + SAMPLE_NANOS);
            loader.checkFailure();
            long now = System.nanoTime();
            long count = loader.loaded();
            double rate = (count - lastCount) / ((now - lastTime) / 1e9);
            String mem = sampler.sample("load", nodes, count, rate);
            log.printf(Locale.ROOT, "load %6.0f s  %,13d keys  %,8.0f keys/s  %s%n", (now - start) / 1e9, count, rate, mem);
            lastCount = count;
            lastTime = now;
            if (now > limit && !stopped) {
                log.println("load: --max-load-seconds reached, stopping after the commands in flight");
                loader.stop();
                stopped = true;
            }
        }
        loader.checkFailure();
        if (snapshots > 0) {
            log.printf(Locale.ROOT, "load: %d snapshots taken on request, %.1f s in total (part of the load time)%n",
                    snapshots, snapshotNanos / 1e9);
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long loaded = loader.loaded();
        sampler.sample("load", nodes, loaded, 0);
        if (!options.loadJvm.isEmpty()) {
            // Loaded with other JVM options: snapshot (so the log is compacted), then measure the rest on
            // nodes started with the production options only.
            snapshotAll(admin, loaded);
            stopAll(nodes);
            startSampled("reopen", client, sampler, nodes);
        }
        NativeMemoryReport.capture(options, nodes, "after-load");
        ReadCounts reads = read("read", client, sampler, nodes, loaded, options.readSeconds);
        long disk = DiskUsage.bytes(data);
        return new MemoryResult(loaded, loadSeconds, loader.retries(), stopped, reads.gets, reads.misses, reads.errors,
                0, 0, 0, 0, disk, 0);
    }

    /**
     * Stops every node (SIGTERM, clean stop), starts them again on the same data, samples from the
     * start on, waits for a leader, then reads for {@code --restart-seconds}. Replaces the entries
     * of {@code nodes}.
     */
    MemoryResult restart(ClientConfig config, MemorySampler sampler, List<MemorySampler.Node> nodes, MemoryResult before)
            throws InterruptedException, IOException {
        NativeMemoryReport.capture(options, nodes, "before-restart");
        long start = System.nanoTime();
        stopAll(nodes);
        try (RaftKvClient client = RaftKvClient.create(config)) {
            startSampled("restart", client, sampler, nodes);
            double sigtermToLeader = (System.nanoTime() - start) / 1e9;
            ReadCounts reads = read("restart", client, sampler, nodes, before.loaded(), options.restartSeconds);
            NativeMemoryReport.capture(options, nodes, "after-restart");
            return before.withRestart(reads.gets, reads.misses, reads.errors, sigtermToLeader, DiskUsage.bytes(data));
        }
    }

    /**
     * Stops every node with SIGTERM and waits for the clean stop.
     *
     * @throws BenchmarkException if a node did not stop cleanly
     */
    private void stopAll(List<MemorySampler.Node> nodes) throws InterruptedException {
        long start = System.nanoTime();
        for (MemorySampler.Node n : nodes) {
            int code = n.process().stop();
            // 143 = 128 + SIGTERM: the JVM's exit code after its shutdown hooks ran (NodeMain's clean stop)
            if (code != 0 && code != 143) {
                throw new BenchmarkException("node " + n.process().id() + " did not stop cleanly (exit " + code
                        + "); its log: " + n.process().logTail(10));
            }
        }
        log.printf(Locale.ROOT, "nodes stopped in %.1f s, starting again with the production JVM options%n",
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Starts the nodes again on their data with the production options, sampling them as
     * {@code phase} every second until {@code client} knows a leader. Replaces the entries of
     * {@code nodes}.
     *
     * @return seconds from the start to a leader
     */
    private double startSampled(String phase, RaftKvClient client, MemorySampler sampler,
            List<MemorySampler.Node> nodes) throws InterruptedException, IOException {
        long start = System.nanoTime();
        nodes.clear();
        nodes.addAll(startNodes(false));
        // Until the leader is known this thread alone uses the sampler (it is not thread-safe).
        Thread waiter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(SAMPLE_NANOS / 1_000_000);
                    sampler.sample(phase, nodes, 0, 0);
                } catch (InterruptedException e) {
                    return;
                } catch (BenchmarkException e) {
                    // a node exited: awaitLeader's liveness check reports it with the node's log
                    return;
                }
            }
        }, "memory-bench-" + phase + "-sampler");
        waiter.start();
        try {
            awaitLeader(client, nodes);
        } finally {
            waiter.interrupt();
            waiter.join();
        }
        double toLeader = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "%s: leader after %.1f s (from the start)%n", phase, toLeader);
        return toLeader;
    }

    private ReadCounts read(String phase, RaftKvClient client, MemorySampler sampler, List<MemorySampler.Node> nodes,
            long keys, int seconds) throws InterruptedException {
        PointReader reader = new PointReader(client, Math.max(1, keys), READ_LANES);
        long start = System.nanoTime();
        reader.start();
        long last = start;
        long lastCount = 0;
        while (System.nanoTime() - start < seconds * SAMPLE_NANOS) {
            sleepUntil(last + SAMPLE_NANOS);
            long now = System.nanoTime();
            long count = reader.done();
            double rate = (count - lastCount) / ((now - last) / 1e9);
            String mem = sampler.sample(phase, nodes, count, rate);
            log.printf(Locale.ROOT, "%-7s %4.0f s  %,11d gets  %,8.0f gets/s  %s%n", phase, (now - start) / 1e9, count,
                    rate, mem);
            last = now;
            lastCount = count;
        }
        reader.stop();
        sampler.sample(phase, nodes, reader.done(), 0);
        return new ReadCounts(reader.done(), reader.misses(), reader.errors());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private record ReadCounts(long gets, long misses, long errors) {
    }
}
