package io.raftkv.node.raft;

import java.util.Objects;

/**
 * What a snapshot replaces (§7): the log up to and including {@code index}, whose last entry had
 * {@code term}, and the membership in force at that index.
 *
 * @param index last included index, at least 0 (0 with term 0 is the empty start of a new cluster)
 * @param term term of the entry at {@code index}, at least 0
 * @param membership the latest membership in the log up to {@code index}, never null
 */
public record SnapshotMeta(long index, long term, Membership membership) {

    public SnapshotMeta {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException(
                    "snapshot index and term must be at least 0, were " + index + " and " + term);
        }
        Objects.requireNonNull(membership, "membership");
    }
}
