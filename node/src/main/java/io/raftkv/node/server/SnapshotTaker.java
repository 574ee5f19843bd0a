package io.raftkv.node.server;

import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.Snapshot;
import io.raftkv.node.raft.SnapshotMeta;
import io.raftkv.node.storage.JeStorage;
import io.raftkv.node.storage.SnapshotInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots this node takes itself (§7): the periodic meta-only ones the core asks for, and
 * data files for a follower or an operator. The slow part (JE flush, writing the file) runs on the
 * apply thread; what touches the core runs on the Raft thread, queued with {@code submit}.
 *
 * <p>Threads: {@link #record} and {@link #take} on the Raft thread only.
 */
final class SnapshotTaker {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);
    private static final byte[] NO_DATA = new byte[0];

    private final ServerConfig config;
    private final RaftNode core;
    private final JeStorage storage;
    private final SnapshotStore snapshots;
    private final ApplyWorker worker;
    private final Consumer<Runnable> submit;
    /** Raft thread only: a snapshot is being written by the apply thread. */
    private boolean snapshotInProgress;

    /** @param submit queues a task for the Raft thread */
    SnapshotTaker(ServerConfig config, RaftNode core, JeStorage storage, SnapshotStore snapshots, ApplyWorker worker,
            Consumer<Runnable> submit) {
        this.config = config;
        this.core = core;
        this.storage = storage;
        this.snapshots = snapshots;
        this.worker = worker;
        this.submit = submit;
    }


    /**
     * The periodic snapshot (§7, log compaction): records a meta-only snapshot at the applied
     * index, then compacts. The state machine is durable in {@code data} already, so no copy is
     * written; a copy is written only when a follower needs one ({@link RaftLoop} ships it) or an
     * operator asks ({@link #take}). Before the meta file (synced) names an index, JE's
     * log is forced, so a restart never finds a snapshot past the stored applied index.
     */
    void record() {
        if (snapshotInProgress) {
            core.snapshotDeclined(); // asked again later, when this one may be done
            return;
        }
        snapshotInProgress = true;
        worker.execute(() -> {
            long index = storage.appliedIndex();
            long term = storage.appliedTerm();
            try {
                storage.flushLog();
            } catch (RuntimeException e) {
                submit.accept(() -> snapshotInProgress = false);
                throw e;
            }
            submit.accept(() -> snapshotRecorded(index, term));
        });
    }

    private void snapshotRecorded(long index, long term) {
        snapshotInProgress = false;
        SnapshotMeta meta = metaIfNew(index, false);
        if (meta == null) {
            core.snapshotDeclined();
            return; // not newer, or the log moved past it meanwhile (a snapshot installed)
        }
        if (meta.term() != term) {
            throw new IllegalStateException("applied entry " + index + " has term " + term + " in storage but "
                    + meta.term() + " in the Raft log");
        }
        snapshots.commit(meta, null);
        core.snapshotTaken(new Snapshot(meta, NO_DATA));
        LOG.info("[{}] snapshot {} recorded (meta only; the data is in JE)", config.nodeId(), meta.index());
        compactBehind(meta);
    }

    private void compactBehind(SnapshotMeta meta) {
        long compactTo = meta.index() - config.raft().snapshotTrailingEntries();
        if (compactTo >= storage.firstIndex()) {
            worker.execute(() -> storage.compact(compactTo));
        }
    }

    /** Writes a snapshot file at the applied index on the apply thread, then records it and compacts. */
    void take(Reply reply) {
        if (snapshotInProgress) {
            if (reply != null) {
                reply.complete(ErrorResponse.overloaded("snapshotInProgress", "a snapshot is being taken; retry"));
            }
            return;
        }
        snapshotInProgress = true;
        worker.execute(() -> {
            Path tmp = snapshots.newTempFile("snapshot");
            SnapshotInfo info;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                info = storage.writeSnapshot(out);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(tmp);
                submit.accept(() -> {
                    snapshotInProgress = false;
                    core.snapshotDeclined();
                });
                LOG.warn("[{}] taking a snapshot failed: {}", config.nodeId(), e.toString());
                if (reply != null) {
                    reply.complete(ErrorResponse.internal("taking a snapshot failed: " + e.getMessage()));
                }
                return;
            }
            submit.accept(() -> snapshotWritten(info, tmp, reply));
        });
    }

    /**
     * The core's meta for a snapshot at {@code index} if it is newer than the latest recorded one;
     * with {@code file}, a data file at the index of a meta-only snapshot is new too (it is what a
     * follower can be sent). Null if not new, or if the log was compacted past it meanwhile.
     */
    private SnapshotMeta metaIfNew(long index, boolean file) {
        long latest = snapshots.latest().map(SnapshotMeta::index).orElse(0L);
        boolean fresh = index > latest || (file && index == latest && snapshots.data(latest).isEmpty());
        if (!fresh) {
            return null;
        }
        try {
            return core.snapshotMetaAt(index);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void snapshotWritten(SnapshotInfo info, Path tmp, Reply reply) {
        snapshotInProgress = false;
        SnapshotMeta meta = metaIfNew(info.index(), true);
        if (meta == null || meta.term() != info.term()) {
            deleteQuietly(tmp);
            core.snapshotDeclined();
            if (reply != null) {
                long latest = snapshots.latest().map(SnapshotMeta::index).orElse(0L);
                reply.complete(new Response.AdminResult(latest,
                        "nothing new to snapshot; the latest snapshot is at index " + latest));
            }
            return;
        }
        snapshots.commit(meta, tmp);
        core.snapshotTaken(new Snapshot(meta, NO_DATA));
        LOG.info("[{}] snapshot {} written ({} records, {} bytes)", config.nodeId(), meta.index(), info.records(),
                info.bytes());
        compactBehind(meta);
        if (reply != null) {
            reply.complete(new Response.AdminResult(meta.index(),
                    "snapshot at index " + meta.index() + ", " + info.bytes() + " bytes"));
        }
    }

    private void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("[{}] cannot delete {}: {}", config.nodeId(), p, e.getMessage());
        }
    }
}
