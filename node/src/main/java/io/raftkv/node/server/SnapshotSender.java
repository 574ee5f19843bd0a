package io.raftkv.node.server;

import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.raft.SnapshotMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader side of snapshot shipping (§7): streams a snapshot file to one follower in chunks,
 * one chunk per acknowledgement, logging progress. At most one transfer per follower; a transfer
 * whose acks stop for {@code timeoutMillis} is abandoned and reported failed, and the Raft core
 * probes the follower again later.
 *
 * <p>Thread-safe: transfers start on the Raft thread, acks arrive on Netty threads.
 */
final class SnapshotSender {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSender.class);

    private static final class Transfer {
        final String peer;
        final long term;
        final SnapshotMeta meta;
        final FileChannel file;
        final long total;
        volatile long lastActivityNanos = System.nanoTime();
        /** Bytes acknowledged so far; for progress logs. */
        volatile long acked;
        volatile long loggedAt;

        Transfer(String peer, long term, SnapshotMeta meta, FileChannel file, long total) {
            this.peer = peer;
            this.term = term;
            this.meta = meta;
            this.file = file;
            this.total = total;
        }
    }

    private final String nodeId;
    private final int chunkBytes;
    private final long timeoutMillis;
    private final BiConsumer<String, byte[]> send;
    private final Consumer<String> onFailed;
    private final NodeMetrics metrics;
    private final Map<String, Transfer> active = new ConcurrentHashMap<>();

    /**
     * @param send     sends one frame body to a peer (non-blocking)
     * @param onFailed called with the peer's id when a transfer is abandoned
     * @param metrics  counts the bytes followers acknowledged
     */
    SnapshotSender(String nodeId, int chunkBytes, long timeoutMillis, BiConsumer<String, byte[]> send,
            Consumer<String> onFailed, NodeMetrics metrics) {
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.chunkBytes = chunkBytes;
        this.timeoutMillis = timeoutMillis;
        this.send = send;
        this.onFailed = onFailed;
    }

    /** True while a transfer to {@code peer} is under way. */
    boolean sending(String peer) {
        return active.containsKey(peer);
    }

    /**
     * Starts streaming {@code file} (snapshot {@code meta}) to {@code peer}, unless a transfer to it
     * is already under way.
     *
     * @throws ServerException if the file cannot be opened
     */
    void start(String peer, long term, SnapshotMeta meta, Path file) {
        if (active.containsKey(peer)) {
            return;
        }
        FileChannel ch;
        long size;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            size = ch.size();
        } catch (IOException e) {
            throw new ServerException("cannot open snapshot file " + file + " to send it to " + peer, e);
        }
        Transfer t = new Transfer(peer, term, meta, ch, size);
        active.put(peer, t);
        LOG.info("[{}] sending snapshot {} (term {}, {} bytes) to {} in chunks of {} bytes", nodeId, meta.index(),
                meta.term(), size, peer, chunkBytes);
        sendChunk(t, 0);
    }

    /** An ack from a follower; Netty thread. */
    void onAck(SnapshotTransferMessage.Ack ack) {
        Transfer t = active.get(ack.from());
        if (t == null || t.meta.index() != ack.snapshotIndex()) {
            return;
        }
        t.lastActivityNanos = System.nanoTime();
        if (ack.nextOffset() > t.acked) {
            metrics.snapshotSent(ack.nextOffset() - t.acked);
        }
        t.acked = ack.nextOffset();
        if (ack.nextOffset() >= t.total) {
            LOG.info("[{}] snapshot {} delivered to {} ({} bytes)", nodeId, t.meta.index(), t.peer, t.total);
            finish(t);
            return;
        }
        if (t.acked - t.loggedAt >= Math.max(t.total / 10, chunkBytes)) {
            t.loggedAt = t.acked;
            LOG.info("[{}] snapshot {} to {}: {}/{} bytes ({}%)", nodeId, t.meta.index(), t.peer, t.acked, t.total,
                    t.acked * 100 / Math.max(1, t.total));
        }
        sendChunk(t, ack.nextOffset());
    }

    /** Abandons transfers whose follower went quiet; called on each tick. */
    void expire() {
        long now = System.nanoTime();
        for (Transfer t : active.values()) {
            if (now - t.lastActivityNanos > timeoutMillis * 1_000_000L) {
                LOG.warn("[{}] snapshot {} to {} stalled at {}/{} bytes for {} ms; abandoning it, the leader"
                        + " retries later", nodeId, t.meta.index(), t.peer, t.acked, t.total, timeoutMillis);
                finish(t);
                onFailed.accept(t.peer);
            }
        }
    }

    /** Closes every transfer (leadership lost or shutdown). */
    void cancelAll() {
        for (Transfer t : active.values()) {
            finish(t);
        }
    }

    private void sendChunk(Transfer t, long offset) {
        int n = (int) Math.min(chunkBytes, t.total - offset);
        ByteBuffer buf = ByteBuffer.allocate(Math.max(0, n));
        try {
            while (buf.hasRemaining()) {
                if (t.file.read(buf, offset + buf.position()) < 0) {
                    throw new IOException("file ended at " + (offset + buf.position()) + " of " + t.total);
                }
            }
        } catch (IOException e) {
            LOG.warn("[{}] cannot read snapshot {} for {}: {}; abandoning the transfer", nodeId, t.meta.index(),
                    t.peer, e.getMessage());
            finish(t);
            onFailed.accept(t.peer);
            return;
        }
        send.accept(t.peer, SnapshotTransferCodec.encode(new SnapshotTransferMessage.Chunk(nodeId, t.peer, t.term,
                t.meta, offset, t.total, buf.array())));
    }

    private void finish(Transfer t) {
        if (active.remove(t.peer, t)) {
            try {
                t.file.close();
            } catch (IOException e) {
                LOG.debug("[{}] closing a snapshot file failed: {}", nodeId, e.getMessage());
            }
        }
    }
}
