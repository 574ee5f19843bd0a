package io.raftkv.node.raft;

import java.util.Objects;

/**
 * One Raft node as a pure, deterministic state machine (etcd raft style). It does no I/O, reads
 * no clock and starts no thread: time is {@link #tick()}, input is {@link #step(Message)} and the
 * propose/read/admin calls, output is queued and handed back by {@link #ready()}.
 *
 * <p>Thread: not thread-safe; call every method from one thread (the server's raft loop). No
 * method blocks. Given the same config, persisted state, seed and call sequence, it produces the
 * same outputs.
 */
public final class RaftNode {

    private final RaftConfig config;

    /**
     * Restores a node.
     *
     * @param config its settings; {@code config.id()} is this node's id
     * @param state what it persisted before (or {@link PersistedState#bootstrap})
     * @param seed the only source of randomness (election timeouts)
     * @throws IllegalArgumentException if the state is inconsistent (commit past the log's end)
     */
    public RaftNode(RaftConfig config, PersistedState state, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        throw new UnsupportedOperationException("not yet");
    }

    /** Advances logical time by one tick: elections, heartbeats, check-quorum, transfer timeout. */
    public void tick() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Handles a message from a peer. Stale, duplicated and reordered messages are tolerated.
     *
     * @throws IllegalArgumentException if the message is not addressed to this node
     */
    public void step(Message message) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Starts an election now (as if the election timeout fired), with pre-vote if configured.
     * Does nothing on a leader or a node that is not a voter.
     */
    public void campaign() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Appends a command to the leader's log.
     *
     * @param command the encoded command, not null
     * @return the log index assigned; the command is committed when an entry with this index and
     *     the current term appears in {@link Ready#committedEntries()}
     * @throws NotLeaderException if this node is not leader (with a hint)
     * @throws LeadershipTransferInProgressException during a leadership transfer
     * @throws ProposalTooLargeException past {@link RaftConfig#maxProposalBytes()}
     * @throws UncommittedLimitExceededException past {@link RaftConfig#maxUncommittedBytes()}
     */
    public long propose(byte[] command) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Appends a single-server membership change (thesis §4.1). It takes effect on every node as
     * soon as it is in its log; the next change is accepted only once this one commits.
     *
     * @return the log index of the CONFIG entry
     * @throws NotLeaderException if this node is not leader
     * @throws LeadershipTransferInProgressException during a leadership transfer
     * @throws MembershipChangeRejectedException if a change is pending, no entry of this term is
     *     committed yet, or the change does not apply
     */
    public long proposeMembershipChange(MembershipChange change) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Asks for a linearizable read (thesis §6.4). The answer comes later in a {@link Ready}:
     * a {@link ReadState} with this id, or the id in {@link Ready#failedReads()}. On a follower
     * the request goes to the leader. Request ids are the caller's; reusing an id that is still
     * pending yields one answer per request.
     */
    public void readIndex(long requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Starts handing leadership to {@code target} (thesis §3.10): catch it up, then TimeoutNow.
     * Proposals are refused meanwhile; the transfer aborts after an election timeout.
     *
     * @throws NotLeaderException if this node is not leader
     * @throws LeadershipTransferRejectedException if the target is not a voter
     */
    public void transferLeadership(String target) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Records a snapshot the server took (at or below the applied index) and drops log entries
     * up to {@code meta.index - snapshotTrailingEntries} from memory. The data is kept to send to
     * followers that fell behind.
     *
     * @throws IllegalArgumentException if the snapshot is above the applied index or its meta
     *     does not match the log
     */
    public void snapshotTaken(Snapshot snapshot) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The metadata a snapshot at {@code index} must carry (term and membership at that index).
     *
     * @throws IllegalArgumentException if {@code index} is above the applied index or below the
     *     first index still in memory
     */
    public SnapshotMeta snapshotMetaAt(long index) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Drops in-memory entries up to {@code index}, which must not exceed the latest snapshot.
     *
     * @throws IllegalArgumentException if {@code index} is past the latest snapshot's index
     */
    public void compact(long index) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * For servers that ship snapshots outside the core: whether sending the last snapshot to
     * {@code peer} succeeded. On failure the peer is probed again after a heartbeat.
     */
    public void reportSnapshot(String peer, boolean ok) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether {@link #ready()} would return something to do. False while a Ready is out. */
    public boolean hasReady() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Hands out the pending work. The previous Ready must have been advanced.
     *
     * @throws IllegalStateException if the previous Ready was not advanced yet
     */
    public Ready ready() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Tells the node the server finished {@code ready}: entries and hard state persisted, snapshot
     * installed, messages sent, committed entries applied.
     *
     * @throws IllegalStateException if {@code ready} is not the last Ready handed out
     */
    public void advance(Ready ready) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Role, leader and term now. */
    public SoftState softState() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Full state for admin tools. */
    public Status status() {
        throw new UnsupportedOperationException("not yet");
    }

    /** This node's id. */
    public String id() {
        return config.id();
    }
}
