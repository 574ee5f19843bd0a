package io.raftkv.node.server;

import io.raftkv.client.log.LogEntry;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.node.metrics.Gauge;
import io.raftkv.node.metrics.GaugeFamily;
import io.raftkv.node.metrics.Health;
import io.raftkv.node.metrics.MetricRegistry;
import io.raftkv.node.metrics.MetricsHttpServer;
import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.Message;
import io.raftkv.node.raft.PersistedState;
import io.raftkv.node.raft.PeerStatus;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.Role;
import io.raftkv.node.raft.SoftState;
import io.raftkv.node.raft.Snapshot;
import io.raftkv.node.raft.SnapshotMeta;
import io.raftkv.node.storage.JeStorage;
import io.raftkv.node.storage.SnapshotInfo;
import io.raftkv.node.auth.UserAuthenticator;
import io.raftkv.node.transport.ClientAuthenticator;
import io.raftkv.node.transport.ClientConnection;
import io.raftkv.node.transport.ClientRequestSink;
import io.raftkv.node.transport.NodeTransport;
import io.raftkv.node.transport.PeerMessageSink;
import io.raftkv.node.transport.RaftMessageCodec;
import io.raftkv.node.transport.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One raftkv node: opens (or creates) its data directory, restores the Raft core from it, and
 * runs the Raft thread, the apply thread, the Netty transport and the tick timer.
 *
 * <p>Data directory: {@code node.properties} (cluster id, node id, first addresses),
 * {@code je/} (JE: unstable, committed, data, meta), {@code snapshots/}.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close} (also what SIGTERM runs: in-flight Readies
 * finish, the apply queue drains, JE is closed cleanly). Thread-safe.
 */
public final class RaftServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftServer.class);

    private final ServerConfig config;
    private final NodeIdentity identity;
    private final JeStorage storage;
    private final SnapshotStore snapshots;
    private final MemberDirectory directory;
    private final PendingWrites pending = new PendingWrites();
    private final ApplyWorker worker;
    private final RaftLoop loop;
    private final NodeTransport transport;
    private final ClientService clients;
    private final UserCommands users;
    /** Decides each client's AUTH step; {@link ClientAuthenticator#OFF} when authentication is off. */
    private final ClientAuthenticator authenticator;
    /** Proposes the --bootstrap-user while no user exists; null without one. */
    private final UserBootstrap userBootstrap;
    private final ScheduledThreadPoolExecutor timer;
    private final NodeMetrics metrics = NodeMetrics.create();
    /** The HTTP /metrics and /health server; null when {@link ServerConfig#metricsPort()} is off. */
    private volatile MetricsHttpServer metricsServer;
    private volatile InetSocketAddress metricsAddress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile InetSocketAddress boundAddress;

    private RaftServer(ServerConfig config) {
        this.config = config;
        this.identity = identityFor(config);
        this.storage = JeStorage.open(config.dataDir().resolve("je"), config.storage());
        if (config.unsafeAckBeforeSync()) {
            LOG.warn("[{}] UNSAFE: --unsafe-ack-before-sync is on: this node acknowledges entries before they"
                    + " are durable and may lose acknowledged writes; for fault-injection tests only", config.nodeId());
            storage.unsafeSkipLogSync();
        }
        try {
            this.snapshots = new SnapshotStore(config.dataDir().resolve("snapshots"));
            boolean fresh = snapshots.latest().isEmpty();
            if (fresh) {
                bootstrap();
            }
            PersistedState restored = restore();
            identity.write(config.dataDir());
            this.directory = new MemberDirectory(identity.members());
            directory.load(storage);
            RaftNode core = new RaftNode(config.raft(), restored, System.nanoTime() ^ config.nodeId().hashCode());
            this.timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, config.nodeId() + "-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            InetSocketAddress own = identity.members().get(config.nodeId());
            this.authenticator = config.auth().enabled()
                    ? new UserAuthenticator(config.nodeId(), config.auth(), storage, timer, metrics.registry())
                    : ClientAuthenticator.OFF;
            this.transport = new NodeTransport(TransportConfig.of(identity.clusterId(), config.nodeId(),
                    new InetSocketAddress(own.getHostString(), own.getPort()), Map.of()).withTls(config.tls())
                    .withLimits(config.protocolLimits()), peerSink(),
                    clientSink(), authenticator);
            this.worker = new ApplyWorker(config.nodeId(), storage, pending, directory,
                    () -> submitToLoop(this::syncPeers), this::fatal);
            this.loop = new RaftLoop(config, core, storage, snapshots, transport, directory, pending, worker,
                    this::fatal, metrics);
            registerGauges(metrics.registry());
            this.userBootstrap = config.auth().enabled() && config.auth().bootstrap() != null
                    ? new UserBootstrap(config.nodeId(), config.auth().bootstrap(), config.auth().iterations(), storage,
                            loop)
                    : null;
            this.users = new UserCommands(config.nodeId(), config.auth(), storage);
            this.clients = new ClientService(config, loop, worker, pending,
                    new StatusReporter(config.nodeId(), storage, directory, worker), new ReadService(storage), timer, metrics,
                    users);
            loop.beforeEachReady(clients::flushWrites);
            LOG.info("[{}] restored: term {}, commit {}, applied {}, snapshot {}, log ({}, {}], cluster {}",
                    config.nodeId(), restored.hardState().term(), restored.hardState().commit(),
                    storage.appliedIndex(), restored.snapshot().meta().index(), storage.firstIndex() - 1,
                    storage.lastIndex(), identity.clusterId());
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /**
     * Opens the node's data directory and starts serving.
     *
     * @throws ServerException if the directory belongs to another node, the port cannot be bound,
     *     or the stored state is inconsistent (the message says what to do)
     */
    public static RaftServer start(ServerConfig config) {
        RaftServer s = new RaftServer(config);
        try {
            s.boundAddress = s.transport.start();
        } catch (io.raftkv.node.transport.TransportException | RuntimeException e) {
            s.close();
            throw new ServerException("node " + config.nodeId() + " cannot listen: " + e.getMessage(), e);
        }
        if (config.metricsPort() != ServerConfig.METRICS_OFF) {
            try {
                s.startMetrics();
            } catch (RuntimeException e) {
                s.close();
                throw new ServerException("node " + config.nodeId() + ": " + e.getMessage(), e);
            }
        }
        s.worker.start();
        s.loop.start();
        if (s.userBootstrap != null) {
            s.timer.scheduleWithFixedDelay(s.userBootstrap::check, 200, 500, TimeUnit.MILLISECONDS);
        }
        if (!config.auth().enabled()) {
            LOG.warn("[{}] client authentication is OFF (--auth off): any client that can connect may read and write",
                    config.nodeId());
        }
        LOG.info("[{}] serving peers and clients on {}", config.nodeId(), s.boundAddress);
        return s;
    }

    /** Where the node listens. */
    public InetSocketAddress address() {
        return boundAddress;
    }

    /** Where /metrics and /health are served, or null if the metrics port is off. */
    public InetSocketAddress metricsAddress() {
        return metricsAddress;
    }

    /** The node's metrics (also served on the metrics port when it is on). */
    public MetricRegistry metricsRegistry() {
        return metrics.registry();
    }

    /** What /health reports: serving until closed or failed. Any thread. */
    public Health health() {
        SoftState s = loop.softState();
        String state = failure != null ? "failed" : closed.get() ? "stopping" : "ok";
        return new Health(state.equals("ok"), state, config.nodeId(), s.role().name(), s.leaderId(), s.term());
    }

    private void startMetrics() {
        InetSocketAddress own = identity.members().get(config.nodeId());
        MetricsHttpServer m = new MetricsHttpServer(config.nodeId(),
                new InetSocketAddress(own.getHostString(), config.metricsPort()), metrics.registry(), this::health);
        metricsServer = m;
        metricsAddress = m.start();
    }

    /** Gauges read from volatile state published by the Raft and apply threads, never from the core. */
    private void registerGauges(MetricRegistry r) {
        r.register(new GaugeFamily("raftkv_role", "1 for this node's current Raft role, 0 for the others", "role",
                () -> {
                    Map<String, Integer> out = new java.util.TreeMap<>();
                    Role now = loop.softState().role();
                    for (Role role : Role.values()) {
                        out.put(role.name(), role == now ? 1 : 0);
                    }
                    return out;
                }));
        r.register(new Gauge("raftkv_term", "Current Raft term (5.1)", () -> loop.softState().term()));
        r.register(new Gauge("raftkv_commit_index", "Highest log index known committed and persisted (5.3)",
                () -> loop.commitIndex()));
        r.register(new Gauge("raftkv_applied_index", "Highest log index applied to the data database",
                storage::appliedIndex));
        r.register(new Gauge("raftkv_apply_lag_entries", "Committed entries not yet applied (commit - applied)",
                () -> Math.max(0, loop.commitIndex() - storage.appliedIndex())));
        r.register(new Gauge("raftkv_je_log_fsyncs", "fsyncs of the JE log since the node started (appends, term"
                + " and vote changes, JE's own checkpoints); divide its rate by the write rate for fsyncs per write",
                storage::logFsyncs));
        r.register(new Gauge("raftkv_last_log_index", "Last index in this node's log, as of the last tick",
                () -> loop.status().lastIndex()));
        r.register(new Gauge("raftkv_snapshot_index", "Index of the latest snapshot, as of the last tick",
                () -> loop.status().snapshotIndex()));
        r.register(new GaugeFamily("raftkv_peer_match_index",
                "On the leader: highest index known replicated on each peer (5.3), as of the last tick", "peer",
                () -> {
                    Map<String, Long> out = new java.util.TreeMap<>();
                    for (PeerStatus p : loop.status().peers().values()) {
                        out.put(p.id(), p.match());
                    }
                    return out;
                }));
    }

    /** The cluster id this node belongs to (from its data directory once it exists). */
    public String clusterId() {
        return identity.clusterId();
    }

    /** Blocks until the server is closed (by {@link #close} or a fatal error); returns the error, if any. */
    public Throwable awaitTermination() throws InterruptedException {
        terminated.await();
        return failure;
    }

    private static NodeIdentity identityFor(ServerConfig config) {
        NodeIdentity fromDisk = NodeIdentity.read(config.dataDir()).orElse(null);
        if (fromDisk == null) {
            if (!config.members().containsKey(config.nodeId())) {
                throw new ServerException("--cluster must list this node (" + config.nodeId()
                        + "=host:port) so it knows where to listen");
            }
            return new NodeIdentity(config.clusterId(), config.nodeId(), config.members());
        }
        if (!fromDisk.nodeId().equals(config.nodeId())) {
            throw new ServerException(config.dataDir() + " belongs to node " + fromDisk.nodeId() + ", not "
                    + config.nodeId() + "; pass --id " + fromDisk.nodeId() + " or another --data-dir");
        }
        LOG.info("[{}] restarting from {}; --cluster is ignored", config.nodeId(), config.dataDir());
        return fromDisk;
    }

    /** First start: the initial voters (a new cluster) or nobody (a node about to be added). */
    private void bootstrap() {
        Membership initial = config.join() ? Membership.EMPTY
                : new Membership(config.members().keySet(), java.util.Set.of());
        if (!config.join() && storage.lastIndex() == 0 && storage.appliedIndex() == 0) {
            storage.bootstrap(initial.toBytes());
        }
        snapshots.commit(new SnapshotMeta(0, 0, initial), null);
        LOG.info("[{}] new data directory: {}", config.nodeId(), config.join()
                ? "joining an existing cluster; add it with admin add-member" : "bootstrapping voters " + initial.voters());
    }

    /** The core's state: the latest recorded snapshot, then the stored log after it (§7). */
    private PersistedState restore() {
        SnapshotMeta base = snapshots.latest().orElseThrow();
        if (base.index() > storage.appliedIndex()) {
            Path data = snapshots.data(base.index()).orElseThrow(() -> new ServerException("snapshot "
                    + base.index() + " has no data file; restore this node from a peer"));
            try (InputStream in = Files.newInputStream(data)) {
                SnapshotInfo info = storage.restore(in);
                LOG.info("[{}] finished installing snapshot {} interrupted by a crash", config.nodeId(), info.index());
            } catch (IOException e) {
                throw new ServerException("cannot read snapshot file " + data, e);
            }
        }
        if (storage.firstIndex() > base.index() + 1) {
            throw new ServerException("the log starts at " + storage.firstIndex() + " but the latest snapshot is at "
                    + base.index() + "; the data directory is damaged, restore this node from a peer");
        }
        List<LogEntry> entries = storage.lastIndex() > base.index()
                ? storage.entries(base.index() + 1, storage.lastIndex() + 1, Long.MAX_VALUE) : List.of();
        return new PersistedState(storage.hardState(), new Snapshot(base, new byte[0]), entries);
    }

    private void submitToLoop(Runnable r) {
        loop.submit(r);
    }

    private void syncPeers() {
        loop.syncPeers();
    }

    private PeerMessageSink peerSink() {
        return (peerId, type, body) -> {
            try {
                if (SnapshotTransferCodec.isTransfer(body)) {
                    SnapshotTransferMessage m = SnapshotTransferCodec.decode(body);
                    if (!m.from().equals(peerId) || !m.to().equals(config.nodeId())) {
                        LOG.warn("[{}] peer {} sent a snapshot message from {} to {}; dropped", config.nodeId(),
                                peerId, m.from(), m.to());
                    } else if (m instanceof SnapshotTransferMessage.Chunk c) {
                        loop.receiver().onChunk(c);
                    } else if (m instanceof SnapshotTransferMessage.Ack a) {
                        loop.sender().onAck(a);
                    }
                    return;
                }
                Message m = RaftMessageCodec.decode(body);
                if (!m.from().equals(peerId) || !m.to().equals(config.nodeId())) {
                    LOG.warn("[{}] peer {} sent a message from {} to {}; dropped", config.nodeId(), peerId,
                            m.from(), m.to());
                    return;
                }
                loop.submit(() -> loop.core().step(m));
            } catch (ProtocolException e) {
                LOG.warn("[{}] malformed message from peer {} dropped: {}", config.nodeId(), peerId, e.getMessage());
            }
        };
    }

    private ClientRequestSink clientSink() {
        return new ClientRequestSink() {
            @Override
            public void onClientRequest(ClientConnection connection, FrameType type, byte[] body) {
                clients.onClientRequest(connection, type, body);
            }
        };
    }

    private void fatal(Throwable t) {
        failure = t;
        Thread closer = new Thread(this::close, config.nodeId() + "-fatal-close");
        closer.start();
    }

    /**
     * Stops the node: ticks stop, the Raft thread finishes the Ready in hand (persisted and sent),
     * the apply thread drains its queue, waiting clients get OUTCOME_UNKNOWN, connections close
     * and JE closes (checkpoint and sync). Idempotent; blocks a few seconds at most.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("[{}] stopping", config.nodeId());
        try {
            if (timer != null) {
                timer.shutdownNow();
            }
            if (loop != null) {
                loop.stop(10_000);
            }
            if (worker != null) {
                worker.stop(30_000);
            }
            pending.failAll("node " + config.nodeId() + " is shutting down; retry on another node");
            if (transport != null) {
                transport.close();
            }
            if (authenticator instanceof UserAuthenticator checker) {
                checker.close();
            }
            if (users != null) {
                users.close();
            }
            MetricsHttpServer m = metricsServer;
            if (m != null) {
                m.close();
            }
        } finally {
            storage.close();
            LOG.info("[{}] stopped", config.nodeId());
            terminated.countDown();
        }
    }
}
