package io.raftkv.node.raft;

import java.util.Objects;

/**
 * A snapshot: its metadata and the opaque state-machine bytes (§7). The core never reads
 * {@code data}; it keeps the latest one to send to followers that fell behind the compacted log.
 * A server that streams snapshot data outside the core may pass an empty array.
 *
 * @param meta what the snapshot covers, never null
 * @param data the serialized state, never null (may be empty); shared, not copied
 */
public record Snapshot(SnapshotMeta meta, byte[] data) {

    public Snapshot {
        Objects.requireNonNull(meta, "meta");
        data = data == null ? new byte[0] : data;
    }

    @Override
    public String toString() {
        return "Snapshot[" + meta + ", " + data.length + " bytes]";
    }
}
