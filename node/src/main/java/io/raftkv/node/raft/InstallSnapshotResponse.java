package io.raftkv.node.raft;

/**
 * The answer to an {@link InstallSnapshot}.
 *
 * @param index the follower's last index after handling the snapshot: the snapshot's index if
 *     installed (or already covered), otherwise its own last index
 * @param accepted whether the follower now holds the snapshot's prefix
 */
public record InstallSnapshotResponse(String from, String to, long term, long index,
        boolean accepted) implements Message {
}
