package io.raftkv.node.server;

import io.raftkv.node.metrics.NodeMetrics;
import io.raftkv.node.raft.InstallSnapshot;
import io.raftkv.node.raft.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follower side of snapshot shipping (§7): writes chunks to a file in order, acknowledging each
 * with the offset it wants next, and once the file is complete and synced steps the Raft core
 * with an InstallSnapshot carrying only the metadata. The server then installs the file when
 * the core hands the snapshot out in a Ready.
 *
 * <p>Thread-safe: chunks of one leader arrive on one Netty thread; methods are synchronized.
 */
final class SnapshotReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReceiver.class);

    private static final class Incoming {
        final long index;
        final Path path;
        final FileChannel file;
        long received;

        Incoming(long index, Path path, FileChannel file) {
            this.index = index;
            this.path = path;
            this.file = file;
        }
    }

    private final String nodeId;
    private final SnapshotStore store;
    private final BiConsumer<String, byte[]> send;
    private final Consumer<InstallSnapshot> deliver;
    private final NodeMetrics metrics;
    private final Map<String, Incoming> partial = new ConcurrentHashMap<>();
    /** Complete, synced files by snapshot index, waiting for the core to ask for their install. */
    private final Map<Long, Path> complete = new ConcurrentHashMap<>();

    /**
     * @param send    sends a frame body to a peer
     * @param deliver hands a complete snapshot's InstallSnapshot to the Raft thread
     */
    SnapshotReceiver(String nodeId, SnapshotStore store, BiConsumer<String, byte[]> send,
            Consumer<InstallSnapshot> deliver, NodeMetrics metrics) {
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.store = store;
        this.send = send;
        this.deliver = deliver;
    }

    synchronized void onChunk(SnapshotTransferMessage.Chunk c) {
        Incoming in = partial.get(c.from());
        if (c.offset() == 0) {
            if (in != null) {
                discard(in);
            }
            Path path = store.newTempFile("incoming-" + c.meta().index());
            try {
                in = new Incoming(c.meta().index(), path, FileChannel.open(path, StandardOpenOption.WRITE));
            } catch (IOException e) {
                LOG.warn("[{}] cannot open {} for an incoming snapshot: {}", nodeId, path, e.getMessage());
                return;
            }
            partial.put(c.from(), in);
            LOG.info("[{}] receiving snapshot {} (term {}, {} bytes) from {}", nodeId, c.meta().index(),
                    c.meta().term(), c.totalBytes(), c.from());
        } else if (in == null || in.index != c.meta().index() || in.received != c.offset()) {
            long want = in != null && in.index == c.meta().index() ? in.received : 0;
            ack(c, want);
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(c.data());
            while (buf.hasRemaining()) {
                in.file.write(buf, c.offset() + buf.position());
            }
            in.received += c.data().length;
            metrics.snapshotReceived(c.data().length);
            if (c.last()) {
                in.file.force(true);
                in.file.close();
                partial.remove(c.from());
                complete.put(in.index, in.path);
                LOG.info("[{}] snapshot {} from {} received completely ({} bytes)", nodeId, in.index, c.from(),
                        in.received);
                deliver.accept(new InstallSnapshot(c.from(), nodeId, c.term(), new Snapshot(c.meta(), new byte[0])));
            }
        } catch (IOException e) {
            LOG.warn("[{}] writing snapshot {} failed: {}; the leader will retry", nodeId, in.index, e.getMessage());
            discard(in);
            partial.remove(c.from());
            return;
        }
        ack(c, in.received);
    }

    /**
     * Removes and returns the complete file of snapshot {@code index}; others older are deleted.
     *
     * @throws ServerException if no complete file for that index is here
     */
    synchronized Path take(long index) {
        Path p = complete.remove(index);
        if (p == null) {
            throw new ServerException("the Raft core asked to install snapshot " + index
                    + " but no complete file for it was received");
        }
        for (Map.Entry<Long, Path> e : Map.copyOf(complete).entrySet()) {
            if (e.getKey() < index) {
                complete.remove(e.getKey());
                deleteQuietly(e.getValue());
            }
        }
        return p;
    }

    private void ack(SnapshotTransferMessage.Chunk c, long next) {
        send.accept(c.from(), SnapshotTransferCodec.encode(
                new SnapshotTransferMessage.Ack(nodeId, c.from(), c.meta().index(), next)));
    }

    private void discard(Incoming in) {
        try {
            in.file.close();
        } catch (IOException e) {
            LOG.debug("[{}] closing {} failed: {}", nodeId, in.path, e.getMessage());
        }
        deleteQuietly(in.path);
    }

    private void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("[{}] cannot delete {}: {}", nodeId, p, e.getMessage());
        }
    }
}
