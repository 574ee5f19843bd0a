package io.raftkv.node.server;

import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.SnapshotMeta;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's snapshots on disk (§7), beside the JE environment: for index {@code i} a file
 * {@code snap-i.meta} (index, term, membership) and, except for the empty start of a cluster, a
 * file {@code snap-i.data} (the stream {@code JeStorage.writeSnapshot} wrote). The newest meta
 * file is the base the Raft core restarts from; the data files are what a leader streams to a
 * follower that fell behind the compacted log.
 *
 * <p>Invariant: the JE log's first index is at most {@code latest().index() + 1}, because the
 * server compacts only up to a snapshot it has recorded here.
 *
 * <p>Threads: called from the Raft thread and the apply thread; methods are synchronized and
 * block on disk I/O. Errors are {@link ServerException}s naming the file.
 */
public final class SnapshotStore {

    private static final int FORMAT_VERSION = 1;
    private final Path dir;

    /**
     * Opens (creating it if needed) the snapshot directory.
     *
     * @throws ServerException if the directory cannot be created
     */
    public SnapshotStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ServerException("cannot create the snapshot directory " + dir, e);
        }
    }

    /** The directory, for temporary files that will be {@link #commit}ted. */
    public Path dir() {
        return dir;
    }

    /** A fresh temporary file name in the snapshot directory. */
    public synchronized Path newTempFile(String purpose) {
        try {
            return Files.createTempFile(dir, purpose + "-", ".tmp");
        } catch (IOException e) {
            throw new ServerException("cannot create a temporary file in " + dir, e);
        }
    }

    /**
     * Records a snapshot: moves {@code dataFile} (null for a meta-only snapshot) to its final name
     * and writes the meta file, both synced; then deletes older snapshots.
     */
    public synchronized void commit(SnapshotMeta meta, Path dataFile) {
        try {
            if (dataFile != null) {
                force(dataFile);
                Files.move(dataFile, dataPath(meta.index()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = dir.resolve("meta.tmp");
            Files.write(tmp, encode(meta));
            force(tmp);
            Files.move(tmp, metaPath(meta.index()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            forceDir();
        } catch (IOException e) {
            throw new ServerException("cannot record snapshot " + meta.index() + " in " + dir + ": " + e.getMessage(), e);
        }
        for (long old : indexes()) {
            if (old < meta.index()) {
                deleteQuietlyOrThrow(metaPath(old));
                deleteQuietlyOrThrow(dataPath(old));
            }
        }
    }

    /** The newest recorded snapshot's meta, if any. */
    public synchronized Optional<SnapshotMeta> latest() {
        List<Long> all = indexes();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readMeta(all.get(all.size() - 1)));
    }

    /** The data file of snapshot {@code index}, if it has one. */
    public synchronized Optional<Path> data(long index) {
        Path p = dataPath(index);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    private SnapshotMeta readMeta(long index) {
        Path p = metaPath(index);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(p)))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new ServerException(p + " has unknown format " + version);
            }
            long idx = in.readLong();
            long term = in.readLong();
            byte[] m = new byte[in.readInt()];
            in.readFully(m);
            return new SnapshotMeta(idx, term, Membership.fromBytes(m));
        } catch (IOException | IllegalArgumentException e) {
            throw new ServerException("cannot read snapshot meta " + p + " (damaged? restore the node from a peer)", e);
        }
    }

    private static byte[] encode(SnapshotMeta meta) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(meta.index());
            out.writeLong(meta.term());
            byte[] m = meta.membership().toBytes();
            out.writeInt(m.length);
            out.write(m);
        }
        return bytes.toByteArray();
    }

    private List<Long> indexes() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "snap-*.meta")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                out.add(Long.parseLong(n.substring(5, n.length() - 5)));
            }
        } catch (IOException | NumberFormatException e) {
            throw new ServerException("cannot list snapshots in " + dir, e);
        }
        out.sort(null);
        return out;
    }

    private Path metaPath(long index) {
        return dir.resolve("snap-" + index + ".meta");
    }

    private Path dataPath(long index) {
        return dir.resolve("snap-" + index + ".data");
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private void forceDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignoredOnPlatformsWithoutDirectorySync) {
            // Some platforms cannot open a directory for sync; the renames are still atomic.
            return;
        }
    }

    private static void deleteQuietlyOrThrow(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new ServerException("cannot delete the old snapshot file " + p, e);
        }
    }
}
