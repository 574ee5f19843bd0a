package io.raftkv.node.server;

import io.netty.channel.EventLoop;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.raft.InstallSnapshot;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.Message;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.Ready;
import io.raftkv.node.raft.ReadState;
import io.raftkv.node.raft.Role;
import io.raftkv.node.raft.SnapshotMeta;
import io.raftkv.node.raft.SoftState;
import io.raftkv.node.raft.Status;
import io.raftkv.node.raft.UnknownOutcome;
import io.raftkv.node.storage.JeStorage;
import io.raftkv.node.storage.SnapshotInfo;
import io.raftkv.node.transport.NodeTransport;
import io.raftkv.node.transport.RaftMessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft loop: the only code that touches the {@link RaftNode}, so the core needs no locks. It
 * runs as tasks on the node's one Netty event loop ({@link NodeTransport#eventLoop()}), the
 * "Raft thread": a peer's message or a client's request read there is queued without waking
 * another thread, and the AppendEntries it sends are written to the sockets at once. Each round
 * drains the input queue (ticks, peer messages, client proposals and reads, admin requests),
 * then handles every {@link Ready} in the order its Javadoc requires: install a received
 * snapshot, persist hard state and entries in one synced JE transaction, send, hand committed
 * entries and confirmed reads to the {@link ApplyWorker}, then advance. Proposals from many
 * clients that arrive together therefore share one Ready, one transaction and one fsync. The
 * event loop reads nothing while it fsyncs; what arrives meanwhile waits in the socket buffers
 * and is taken in by the next round.
 *
 * <p>Threads: {@link #submit} from any thread; everything else on the Raft thread. A storage
 * failure is fatal (handed to {@code onFatal}).
 */
final class RaftLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RaftLoop.class);

    private final ServerConfig config;
    private final RaftNode core;
    private final JeStorage storage;
    private final SnapshotStore snapshots;
    private final NodeTransport transport;
    private final MemberDirectory directory;
    private final PendingWrites pending;
    private final ApplyWorker worker;
    private final SnapshotSender sender;
    private final SnapshotReceiver receiver;
    private final Consumer<Throwable> onFatal;
    private final NodeMetrics metrics;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** The Raft thread: the transport's event loop. */
    private final EventLoop eventLoop;
    /** True from the moment a round is queued on the event loop until it starts. */
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    /** Counted down when the loop has stopped (asked to, or failed). */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    /** Published for other threads (routing hints, status); replaced, never mutated. */
    private volatile SoftState softState;
    /** The core's status as of the last tick, for metrics; replaced, never mutated. */
    private volatile Status status;
    /** The stored commit index as of the last persisted hard state, for metrics. */
    private volatile long commitIndex;
    /** Raft thread only: when each pending linearizable read asked for its ReadIndex, by request id. */
    private final Map<Long, Long> readStartNanos = new HashMap<>();
    /** Peers the transport currently knows; written on the Raft thread, read anywhere. */
    private final Set<String> transportPeers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Raft thread only: linearizable reads waiting for a ReadState, by request id. */
    private final Map<Long, PendingRead> reads = new HashMap<>();
    private long nextReadId = 1;
    /** Raft thread only: leadership transfer waiting for the target to lead; null if none. */
    private PendingTransfer transfer;
    /** Raft thread only: runs after the inbox is drained, before Readies are handled. */
    private Runnable beforeReady = () -> { };
    /** The snapshots this node takes; Raft thread only. */
    private final SnapshotTaker taker;
    /**
     * Raft thread only: the Ready whose received snapshot the apply thread is restoring, else null.
     * Rounds wait (tasks queue up, the event loop goes on reading and writing) until
     * {@link #restored} finishes that Ready.
     */
    private Ready restoring;

    /** A read that runs {@code serve} on the apply thread once confirmed and applied. */
    record PendingRead(Reply reply, Runnable serve) {
    }

    private record PendingTransfer(String target, Reply reply) {
    }

    RaftLoop(ServerConfig config, RaftNode core, JeStorage storage, SnapshotStore snapshots, NodeTransport transport,
            MemberDirectory directory, PendingWrites pending, ApplyWorker worker, Consumer<Throwable> onFatal,
            NodeMetrics metrics) {
        this.metrics = metrics;
        this.eventLoop = transport.eventLoop();
        this.config = config;
        this.core = core;
        this.storage = storage;
        this.snapshots = snapshots;
        this.transport = transport;
        this.directory = directory;
        this.pending = pending;
        this.worker = worker;
        this.onFatal = onFatal;
        this.softState = core.softState();
        this.status = core.status();
        this.commitIndex = status.commit();
        this.sender = new SnapshotSender(config.nodeId(), config.snapshotChunkBytes(),
                Math.max(2000L, 20L * config.tickMillis() * config.raft().electionTicks()), this::sendRaw,
                peer -> submit(() -> core.reportSnapshot(peer, false)), metrics);
        this.receiver = new SnapshotReceiver(config.nodeId(), snapshots, this::sendRaw,
                m -> submit(() -> core.step(m)), metrics);
        this.taker = new SnapshotTaker(config, core, storage, snapshots, worker, this::submit);
    }

    /** Starts ticking every {@code tickMillis}. */
    void start() {
        submit(this::syncPeers);
        eventLoop.scheduleAtFixedRate(() -> submit(this::tick), config.tickMillis(), config.tickMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Queues {@code task} for the Raft thread; any thread, never blocks. Also on the Raft thread
     * the task only runs in a later round, never inside the current one (a Ready in hand is
     * finished before the core is stepped again).
     */
    void submit(Runnable task) {
        inbox.add(task);
        queueRound();
    }

    /** The core's status as of the last tick (at most one tick old); any thread. */
    Status status() {
        return status;
    }

    /** The commit index last persisted; any thread. */
    long commitIndex() {
        return commitIndex;
    }

    /** Role, leader and term as of the last Ready; any thread. */
    SoftState softState() {
        return softState;
    }

    SnapshotSender sender() {
        return sender;
    }

    SnapshotReceiver receiver() {
        return receiver;
    }

    /** Sets what runs on the Raft thread before each round of Readies; call before {@link #start}. */
    void beforeEachReady(Runnable r) {
        this.beforeReady = r;
    }

    /** The Raft core; Raft thread only. */
    RaftNode core() {
        return core;
    }

    /**
     * Stops the loop after the current round and waits up to {@code millis} for that; the event
     * loop itself stops with the transport. From the Raft thread it only asks.
     */
    void stop(long millis) {
        submit(() -> running = false);
        if (!eventLoop.inEventLoop()) {
            try {
                stopped.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        sender.cancelAll();
    }

    /**
     * One round on the Raft thread: the queued tasks (at most 10,000, the rest in the next round),
     * then the Readies. Also after a stop request, so proposals already taken in are persisted
     * and sent; nothing runs after that.
     */
    private void round() {
        roundQueued.set(false);
        if (!running) {
            inbox.clear();
            return;
        }
        if (restoring != null) {
            return; // restored() starts the next round
        }
        try {
            Runnable t = inbox.poll();
            int n = 0;
            while (t != null) {
                t.run();
                t = ++n < 10_000 ? inbox.poll() : null;
            }
            beforeReady.run();
            handleReadies();
        } catch (RuntimeException | Error e) {
            fail(e);
            return;
        }
        if (!running) {
            stopped.countDown();
        } else if (restoring == null && !inbox.isEmpty()) {
            queueRound();
        }
    }

    private void handleReadies() {
        while (restoring == null && core.hasReady()) {
            handle(core.ready());
        }
    }

    private void queueRound() {
        if (roundQueued.compareAndSet(false, true)) {
            eventLoop.execute(this::round);
        }
    }

    private void fail(Throwable e) {
        LOG.error("[{}] the Raft thread failed; the node stops to stay consistent", config.nodeId(), e);
        running = false;
        stopped.countDown();
        onFatal.accept(e);
    }

    private void handle(Ready rd) {
        SoftState before = softState;
        softState = rd.softState();
        if (!before.equals(rd.softState())) {
            softStateChanged(before, rd.softState());
        }
        if (rd.snapshot() != null) {
            install(rd);
            return; // finished by restored()
        }
        finish(rd);
    }

    /** The steps of a Ready after its snapshot (if any) is installed, through {@code advance}. */
    private void finish(Ready rd) {
        if (config.unsafeAckBeforeSync()) {
            // TEST ONLY (ServerConfig#unsafeAckBeforeSync): acknowledges before persisting.
            rd.messages().forEach(this::send);
            persist(rd.hardState(), rd.entries());
        } else {
            // A leader's AppendEntries go out before its own fsync, which then overlaps the
            // followers' (thesis §10.2.1; the core counts the leader's log only once persisted).
            List<Message> messages = rd.messages();
            messages.subList(0, rd.earlyMessages()).forEach(this::send);
            persist(rd.hardState(), rd.entries());
            messages.subList(rd.earlyMessages(), messages.size()).forEach(this::send);
        }
        if (!rd.committedEntries().isEmpty()) {
            worker.apply(rd.committedEntries());
        }
        for (ReadState rs : rd.readStates()) {
            PendingRead r = reads.remove(rs.requestId());
            Long started = readStartNanos.remove(rs.requestId());
            if (started != null) {
                metrics.readIndexConfirmed(System.nanoTime() - started);
            }
            if (r != null) {
                worker.whenApplied(rs.readIndex(), r.serve());
            }
        }
        for (long id : rd.failedReads()) {
            PendingRead r = reads.remove(id);
            readStartNanos.remove(id);
            if (r != null) {
                r.reply().complete(notLeader("could not confirm leadership for a linearizable read"));
            }
        }
        for (UnknownOutcome u : rd.unknownOutcomes()) {
            pending.outcomeUnknown(u.term(), u.firstIndex(), u.lastIndex());
        }
        if (rd.snapshotRequested()) {
            taker.record();
        }
        core.advance(rd);
        if (rd.snapshot() != null || hasConfig(rd.entries()) || hasConfig(rd.committedEntries())) {
            syncPeers();
        }
    }

    private void softStateChanged(SoftState before, SoftState now) {
        LOG.info("[{}] {} in term {}, leader {} (was {} in term {})", config.nodeId(), now.role(), now.term(),
                now.leaderId(), before.role(), before.term());
        if (before.role() == Role.LEADER && now.role() != Role.LEADER) {
            sender.cancelAll();
        }
        if (transfer != null && now.leaderId() != null && !now.leaderId().equals(config.nodeId())) {
            transfer.reply().complete(new Response.AdminResult(0,
                    "leadership moved to " + now.leaderId() + " in term " + now.term()));
            transfer = null;
        }
    }

    // ---- step 1: install a received snapshot (§7) ----------------------------------------------

    /**
     * Records the received snapshot, then has the apply thread restore it; the Raft thread does
     * not wait: its rounds pause until {@link #restored} (the Ready is finished only after the
     * state is replaced), while the event loop keeps serving connections, so clients of this node
     * are answered (TIMEOUT at the latest) and no connection idles out for the restore's length.
     */
    private void install(Ready rd) {
        SnapshotMeta meta = rd.snapshot().meta();
        Path file = receiver.take(meta.index());
        pending.failUpTo(meta.index());
        // Recorded first: a crash between the two steps restores from the recorded file at start.
        snapshots.commit(meta, file);
        Path data = snapshots.data(meta.index()).orElseThrow();
        restoring = rd;
        worker.execute(() -> {
            SnapshotInfo info;
            try (InputStream in = Files.newInputStream(data)) {
                info = storage.restore(in);
            } catch (IOException e) {
                throw new ServerException("cannot read the received snapshot " + data, e);
            }
            eventLoop.execute(() -> restored(info));
        });
    }

    /** Raft thread: the snapshot of {@link #restoring} is in place; finishes that Ready and goes on. */
    private void restored(SnapshotInfo info) {
        Ready rd = restoring;
        restoring = null;
        try {
            directory.load(storage);
            LOG.info("[{}] installed snapshot {} (term {}, {} records, {} bytes)", config.nodeId(), info.index(),
                    info.term(), info.records(), info.bytes());
            finish(rd);
            handleReadies();
        } catch (RuntimeException | Error e) {
            fail(e);
            return;
        }
        queueRound();
    }

    // ---- step 2: persist, one synced transaction ----------------------------------------------

    private void persist(HardState hs, List<LogEntry> entries) {
        if (hs == null && entries.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        if (hs != null && !entries.isEmpty()) {
            storage.saveHardStateAndAppend(hs, entries);
        } else if (hs != null) {
            storage.saveHardState(hs);
        } else if (!entries.isEmpty()) {
            storage.append(entries);
        }
        metrics.synced(System.nanoTime() - started);
        if (hs != null) {
            commitIndex = hs.commit();
        }
    }

    // ---- step 3: send --------------------------------------------------------------------------

    private void send(Message m) {
        if (m instanceof InstallSnapshot is) {
            shipSnapshot(is);
            return;
        }
        if (!transportPeers.contains(m.to()) && !addPeer(m.to())) {
            LOG.debug("[{}] no address for {}; dropping {}", config.nodeId(), m.to(), m.getClass().getSimpleName());
            return;
        }
        try {
            transport.send(m.to(), FrameType.RAFT_MESSAGE, RaftMessageCodec.encode(m));
        } catch (IllegalArgumentException e) {
            // e.g. one entry larger than a frame: Raft retries, so say loudly why it cannot work
            LOG.error("[{}] cannot send {} to {}: {}", config.nodeId(), m.getClass().getSimpleName(), m.to(),
                    e.getMessage());
        }
    }

    private void sendRaw(String peer, byte[] body) {
        if (transport.isConnected(peer) || transportPeers.contains(peer)) {
            try {
                transport.send(peer, FrameType.RAFT_MESSAGE, body);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.debug("[{}] cannot send to {}: {}", config.nodeId(), peer, e.getMessage());
            }
        }
    }

    private void shipSnapshot(InstallSnapshot is) {
        String peer = is.to();
        if (sender.sending(peer)) {
            return;
        }
        Optional<SnapshotMeta> latest = snapshots.latest();
        Optional<Path> data = latest.flatMap(m -> snapshots.data(m.index()));
        if (latest.isEmpty() || data.isEmpty() || latest.get().index() < is.snapshot().meta().index()) {
            // Nothing on disk covers what the core wants to send (e.g. right after a restart): take
            // one now; the core probes the follower again and finds it next time.
            taker.take(null);
            core.reportSnapshot(peer, false);
            return;
        }
        if (!transportPeers.contains(peer) && !addPeer(peer)) {
            core.reportSnapshot(peer, false);
            return;
        }
        sender.start(peer, is.term(), latest.get(), data.get());
    }

    /** Writes a snapshot file at the applied index, then records it and compacts; Raft thread. */
    void takeSnapshot(Reply reply) {
        taker.take(reply);
    }

    // ---- membership and peers ------------------------------------------------------------------

    /**
     * Makes the transport's peers match the membership the core uses (thesis §4.1: a change takes
     * effect when appended). A node that has no membership yet (started with --join) talks to
     * every address it knows, so the leader's first AppendEntries is accepted.
     */
    void syncPeers() {
        Membership m = core.status().membership();
        Set<String> wanted = new HashSet<>(m.all());
        if (wanted.isEmpty()) {
            wanted.addAll(directory.ids());
        }
        wanted.remove(config.nodeId());
        for (String id : wanted) {
            if (!transportPeers.contains(id)) {
                addPeer(id);
            }
        }
        for (String id : Set.copyOf(transportPeers)) {
            if (!wanted.contains(id)) {
                transport.removePeer(id);
                transportPeers.remove(id);
                LOG.info("[{}] {} left the membership; no longer talking to it", config.nodeId(), id);
            }
        }
    }

    private boolean addPeer(String id) {
        Optional<InetSocketAddress> a = directory.address(id);
        if (a.isEmpty() || id.equals(config.nodeId())) {
            return false;
        }
        transport.addPeer(id, a.get());
        transportPeers.add(id);
        return true;
    }

    // ---- helpers for ClientService -------------------------------------------------------------

    /** Registers a linearizable read; Raft thread. */
    void readIndex(PendingRead read) {
        long id = nextReadId++;
        reads.put(id, read);
        readStartNanos.put(id, System.nanoTime());
        core.readIndex(id);
    }

    /** Registers a leadership transfer waiting for its target to lead; Raft thread. */
    void awaitTransfer(String target, Reply reply) {
        if (transfer != null) {
            transfer.reply().complete(ErrorResponse.overloaded("transferInProgress",
                    "superseded by a transfer to " + target));
        }
        transfer = new PendingTransfer(target, reply);
    }

    /** NOT_LEADER with the leader this node knows; any thread. */
    ErrorResponse notLeader(String why) {
        SoftState s = softState;
        String leader = s.leaderId() == null || s.leaderId().equals(config.nodeId()) ? "" : s.leaderId();
        return ErrorResponse.notLeader(leader, directory.addressText(leader), "node " + config.nodeId()
                + " is not the leader" + (leader.isEmpty() ? " and knows none yet" : "; the leader is " + leader)
                + " (" + why + ")");
    }

    private void tick() {
        core.tick();
        status = core.status();
        sender.expire();
    }

    private static boolean hasConfig(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            if (e.type() == EntryType.CONFIG) {
                return true;
            }
        }
        return false;
    }

}
