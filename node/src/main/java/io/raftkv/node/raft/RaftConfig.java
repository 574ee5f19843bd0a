package io.raftkv.node.raft;

import java.util.Objects;

/**
 * Immutable settings of one Raft node, validated once. Time is counted in ticks: the server calls
 * {@link RaftNode#tick()} at a fixed rate (for example every 100 ms).
 *
 * @param id this node's id, non-empty
 * @param electionTicks base election timeout; the randomized timeout is drawn from
 *     [electionTicks, 2 * electionTicks) (§5.2); must exceed heartbeatTicks
 * @param heartbeatTicks ticks between leader heartbeats, at least 1
 * @param preVote campaign with a pre-vote round first (thesis §9.6)
 * @param checkQuorum a leader steps down when it did not hear from a majority within an election
 *     timeout, and followers that heard a live leader refuse votes (thesis §6.2, §9.6)
 * @param readMode how linearizable reads are confirmed; LEASE requires checkQuorum
 * @param maxEntriesPerMessage at most this many entries per AppendEntries, at least 1
 * @param maxBytesPerMessage soft bound on entry bytes per AppendEntries (one entry always fits)
 * @param maxInflightMessages unacknowledged AppendEntries per follower in REPLICATE, at least 1
 * @param maxInflightBytes unacknowledged entry bytes per follower in REPLICATE, at least 1
 * @param maxUncommittedBytes bytes of proposed but uncommitted entries a leader accepts before
 *     rejecting proposals with {@link UncommittedLimitExceededException}
 * @param maxProposalBytes largest single proposal payload accepted
 * @param snapshotThresholdEntries ask for a snapshot once this many applied entries sit in the log
 *     after the latest snapshot, at least 1
 * @param snapshotTrailingEntries entries kept in memory behind a new snapshot so slightly slow
 *     followers still get entries instead of a snapshot, at least 0
 * @param snapshotThresholdBytes ask for a snapshot also once the entries applied since the latest
 *     one hold this many bytes, at least 1: the log in memory stays bounded in bytes whatever the
 *     entries' size
 * @param snapshotTrailingBytes at most this many bytes of the trailing entries are kept, at least 0
 * @param faults safety-breaking test switches; {@link TestFaults#NONE} outside tests
 */
public record RaftConfig(String id, int electionTicks, int heartbeatTicks, boolean preVote,
        boolean checkQuorum, ReadMode readMode, int maxEntriesPerMessage, long maxBytesPerMessage,
        int maxInflightMessages, long maxInflightBytes, long maxUncommittedBytes,
        long maxProposalBytes, long snapshotThresholdEntries, long snapshotTrailingEntries,
        long snapshotThresholdBytes, long snapshotTrailingBytes, TestFaults faults) {

    public RaftConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(readMode, "readMode");
        Objects.requireNonNull(faults, "faults");
        require(!id.isEmpty(), "id must not be empty");
        require(heartbeatTicks >= 1, "heartbeatTicks must be at least 1, was " + heartbeatTicks);
        require(electionTicks > heartbeatTicks, "electionTicks (" + electionTicks
                + ") must be greater than heartbeatTicks (" + heartbeatTicks + ")");
        require(readMode != ReadMode.LEASE || checkQuorum,
                "readMode LEASE needs checkQuorum, otherwise a deposed leader keeps its lease");
        require(maxEntriesPerMessage >= 1, "maxEntriesPerMessage must be at least 1");
        require(maxBytesPerMessage >= 1, "maxBytesPerMessage must be at least 1");
        require(maxInflightMessages >= 1, "maxInflightMessages must be at least 1");
        require(maxInflightBytes >= 1, "maxInflightBytes must be at least 1");
        require(maxUncommittedBytes >= 1, "maxUncommittedBytes must be at least 1");
        require(maxProposalBytes >= 1, "maxProposalBytes must be at least 1");
        require(snapshotThresholdEntries >= 1, "snapshotThresholdEntries must be at least 1");
        require(snapshotTrailingEntries >= 0, "snapshotTrailingEntries must be at least 0");
        require(snapshotThresholdBytes >= 1, "snapshotThresholdBytes must be at least 1");
        require(snapshotTrailingBytes >= 0, "snapshotTrailingBytes must be at least 0");
    }

    /**
     * Defaults: election 10 ticks, heartbeat 1, pre-vote and check-quorum on, SAFE reads,
     * 64 entries / 1 MiB per message, 16 messages / 8 MiB in flight, 64 MiB uncommitted,
     * 16 MiB per proposal, snapshot every 100,000 entries or 64 MiB keeping 5,000 entries or
     * 16 MiB behind it (etcd's snapshot-count and catch-up entries; the byte bounds keep the log
     * in memory small whatever the entry size).
     */
    public static RaftConfig defaults(String id) {
        return new RaftConfig(id, 10, 1, true, true, ReadMode.SAFE, 64, 1 << 20, 16, 8L << 20,
                64L << 20, 16L << 20, 100_000, 5_000, 64L << 20, 16L << 20, TestFaults.NONE);
    }

    /** A copy with other election and heartbeat ticks; validated like the constructor. */
    public RaftConfig withTicks(int election, int heartbeat) {
        return new RaftConfig(id, election, heartbeat, preVote, checkQuorum, readMode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, snapshotThresholdEntries,
                snapshotTrailingEntries, snapshotThresholdBytes, snapshotTrailingBytes, faults);
    }

    /** A copy with pre-vote on or off. */
    public RaftConfig withPreVote(boolean on) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, on, checkQuorum, readMode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, snapshotThresholdEntries,
                snapshotTrailingEntries, snapshotThresholdBytes, snapshotTrailingBytes, faults);
    }

    /** A copy with check-quorum on or off (off is refused with LEASE reads). */
    public RaftConfig withCheckQuorum(boolean on) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, on, readMode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, snapshotThresholdEntries,
                snapshotTrailingEntries, snapshotThresholdBytes, snapshotTrailingBytes, faults);
    }

    /** A copy with another read mode (LEASE needs check-quorum). */
    public RaftConfig withReadMode(ReadMode mode) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, mode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, snapshotThresholdEntries,
                snapshotTrailingEntries, snapshotThresholdBytes, snapshotTrailingBytes, faults);
    }

    /** A copy with other per-message, in-flight and uncommitted limits; all at least 1. */
    public RaftConfig withFlowControl(int entriesPerMessage, long bytesPerMessage,
            int inflightMessages, long inflightBytes, long uncommittedBytes) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, readMode,
                entriesPerMessage, bytesPerMessage, inflightMessages, inflightBytes,
                uncommittedBytes, maxProposalBytes, snapshotThresholdEntries,
                snapshotTrailingEntries, snapshotThresholdBytes, snapshotTrailingBytes, faults);
    }

    /** A copy with another snapshot threshold and number of entries kept behind a snapshot. */
    public RaftConfig withSnapshots(long thresholdEntries, long trailingEntries) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, readMode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, thresholdEntries, trailingEntries,
                snapshotThresholdBytes, snapshotTrailingBytes, faults);
    }

    /** A copy with other byte bounds for taking a snapshot and for the entries kept behind it. */
    public RaftConfig withSnapshotBytes(long thresholdBytes, long trailingBytes) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, readMode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, snapshotThresholdEntries, snapshotTrailingEntries,
                thresholdBytes, trailingBytes, faults);
    }

    /** A copy with safety-breaking test switches; for tests and the simulator only. */
    public RaftConfig withFaults(TestFaults testFaults) {
        return new RaftConfig(id, electionTicks, heartbeatTicks, preVote, checkQuorum, readMode,
                maxEntriesPerMessage, maxBytesPerMessage, maxInflightMessages, maxInflightBytes,
                maxUncommittedBytes, maxProposalBytes, snapshotThresholdEntries,
                snapshotTrailingEntries, snapshotThresholdBytes, snapshotTrailingBytes, testFaults);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
