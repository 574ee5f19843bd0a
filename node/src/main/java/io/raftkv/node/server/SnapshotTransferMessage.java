package io.raftkv.node.server;

import io.raftkv.node.raft.SnapshotMeta;
import java.util.Objects;

/**
 * The side channel on which a leader streams a snapshot's data to a follower in chunks (§7,
 * Figure 13 "offset", "done"), instead of one InstallSnapshot message holding everything. Carried
 * in RAFT_MESSAGE frames whose body starts with {@link SnapshotTransferCodec#MARKER}, which no
 * RaftMessageCodec body starts with. The follower steps the Raft core with an InstallSnapshot
 * only once the last chunk is durable.
 */
sealed interface SnapshotTransferMessage {

    /** Sender id. */
    String from();

    /** Receiver id. */
    String to();

    /**
     * One chunk of a snapshot's data; stop-and-wait: the next chunk goes after its ack.
     *
     * @param term       the leader's term when the transfer started
     * @param meta       what the snapshot covers
     * @param offset     where {@code data} starts in the file, at least 0
     * @param totalBytes the file's size, at least {@code offset + data.length}
     * @param data       the bytes, not copied
     */
    record Chunk(String from, String to, long term, SnapshotMeta meta, long offset, long totalBytes, byte[] data)
            implements SnapshotTransferMessage {
        public Chunk {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(data, "data");
            if (offset < 0 || totalBytes < offset + data.length) {
                throw new IllegalArgumentException("chunk at " + offset + " of " + data.length
                        + " bytes does not fit a file of " + totalBytes);
            }
        }

        boolean last() {
            return offset + data.length == totalBytes;
        }
    }

    /**
     * The follower's answer to a chunk.
     *
     * @param snapshotIndex the snapshot's index
     * @param nextOffset    the offset the follower wants next (equals the file size when it has
     *                      all of it); the leader resumes from there
     */
    record Ack(String from, String to, long snapshotIndex, long nextOffset) implements SnapshotTransferMessage {
    }
}
