package io.raftkv.node.server;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.storage.AppliedEntry;
import io.raftkv.node.storage.JeStorage;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply thread: applies committed entries to the state machine (one JE transaction per
 * batch), answers the clients that proposed them, serves reads once the applied index reaches
 * their read index (thesis §6.4), and takes snapshots. It runs apart from the Raft thread so a
 * slow apply never delays heartbeats or elections.
 *
 * <p>Threads: tasks are queued from any thread and run in order on the one apply thread. A
 * storage failure is fatal: it is handed to {@code onFatal} and the worker stops (fail closed).
 */
final class ApplyWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyWorker.class);

    /** A read waiting for the applied index to reach {@code readIndex}; apply thread only. */
    private record WaitingRead(long readIndex, long seq, Runnable serve) {
    }

    private final String nodeId;
    private final JeStorage storage;
    private final PendingWrites pending;
    private final Runnable onAddressesChanged;
    private final Consumer<Throwable> onFatal;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    /** Apply thread only: reads ordered by read index. */
    private final PriorityQueue<WaitingRead> waiting = new PriorityQueue<>(
            (a, b) -> a.readIndex != b.readIndex ? Long.compare(a.readIndex, b.readIndex) : Long.compare(a.seq, b.seq));
    private long readSeq;
    /** Apply thread only: an applied Put changed a member's address during the current apply. */
    private boolean addressesChanged;
    private final Thread thread;
    private volatile boolean running = true;
    /**
     * The highest index handed to {@link #apply}; written by the Raft thread before it queues the
     * apply task, so that task sees it (or a later one) and one transaction takes in every batch
     * queued behind it.
     */
    private volatile long handedUpTo;

    ApplyWorker(String nodeId, JeStorage storage, PendingWrites pending, MemberDirectory directory,
            Runnable onAddressesChanged, Consumer<Throwable> onFatal) {
        this.nodeId = nodeId;
        this.storage = storage;
        this.pending = pending;
        this.onAddressesChanged = onAddressesChanged;
        this.onFatal = onFatal;
        storage.watchPuts(MemberDirectory::isMemberKey, put -> addressesChanged |= directory.learn(put));
        this.thread = new Thread(this::run, nodeId + "-apply");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues committed entries, in order; Raft thread, non-blocking. Their hard state (the commit
     * index) must be stored already. Batches that queue up while the apply thread is busy are
     * applied together, in one transaction.
     */
    void apply(List<LogEntry> committed) {
        if (committed.isEmpty()) {
            return;
        }
        handedUpTo = Math.max(handedUpTo, committed.get(committed.size() - 1).index());
        tasks.add(this::applyHanded);
    }

    /** Runs {@code serve} on the apply thread once the applied index is at least {@code readIndex}. */
    void whenApplied(long readIndex, Runnable serve) {
        tasks.add(() -> {
            waiting.add(new WaitingRead(readIndex, readSeq++, serve));
            serveReads();
        });
    }

    /** Runs {@code task} on the apply thread after everything queued before it; non-blocking. */
    void execute(Runnable task) {
        tasks.add(task);
    }

    /** Applies everything handed over so far; nothing if an earlier task took it in already. */
    private void applyHanded() {
        long upTo = handedUpTo;
        if (upTo <= storage.appliedIndex()) {
            return;
        }
        addressesChanged = false;
        List<AppliedEntry> results = storage.apply(upTo); // member addresses: see the constructor
        pending.applied(results);
        if (addressesChanged) {
            onAddressesChanged.run();
        }
        serveReads();
    }

    private void serveReads() {
        long applied = storage.appliedIndex();
        while (!waiting.isEmpty() && waiting.peek().readIndex <= applied) {
            waiting.poll().serve.run();
        }
    }

    private void run() {
        try {
            while (running) {
                Runnable t = tasks.poll(100, TimeUnit.MILLISECONDS);
                if (t != null) {
                    t.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("[{}] apply thread failed; the node stops to stay consistent", nodeId, e);
            running = false;
            onFatal.accept(e);
        }
    }

    /** Runs what is queued, then stops the thread; waits up to {@code millis}. */
    void stop(long millis) {
        tasks.add(() -> running = false);
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }
}
