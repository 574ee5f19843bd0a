package io.raftkv.node.raft;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One Raft node as a pure, deterministic state machine (etcd raft style). It does no I/O, reads
 * no clock and starts no thread: time is {@link #tick()}, input is {@link #step(Message)} and the
 * propose/read/admin calls, output is queued and handed back by {@link #ready()}.
 *
 * <p>Thread: not thread-safe; call every method from one thread (the server's raft loop). No
 * method blocks. Given the same config, persisted state, seed and call sequence, it produces the
 * same outputs. Term rules and dispatch live in {@link MessageRouter}, role-specific logic in
 * {@link Election}, {@link Replication} and {@link FollowerSteps}; this class holds the state and
 * the transitions between roles.
 */
public final class RaftNode {

    final RaftConfig config;
    final String id;
    final RaftLog log;
    private final SplittableRandom random;
    final Election election = new Election(this);
    final Replication replication = new Replication(this);
    final FollowerSteps follower = new FollowerSteps(this);
    private final MessageRouter router = new MessageRouter(this);

    /** §5.1: latest term seen; never decreases. */
    long term;

    /** Candidate voted for in {@link #term}, or null. */
    String votedFor;

    Role role = Role.FOLLOWER;

    /** The leader of {@link #term} this node knows, or null. */
    String leaderId;

    /** The latest membership in the log (thesis §4.1: used as soon as it is appended). */
    Membership membership;

    /** Logical clock: ticks since start. Only used for lease and read bookkeeping. */
    long now;

    /** Ticks since the last election reset (heard the leader, voted, or leader window start). */
    int electionElapsed;

    int heartbeatElapsed;

    /** Election timeout drawn from [electionTicks, 2 * electionTicks) (§5.2). */
    int randomizedElectionTimeout;

    /** Leader: progress of every member but itself, by id (sorted for determinism). */
    final TreeMap<String, Progress> progress = new TreeMap<>();

    /** Leader: index of its first (NOOP) entry of this term. */
    long leaderStartIndex;

    /** Leader: bytes of entries proposed in this term and not yet committed. */
    long uncommittedBytes;

    /** Leader: leadership transfer target, or null. */
    String transferTarget;

    /** Leader: ticks since the transfer started; it aborts at electionTicks (thesis §3.10). */
    int transferElapsed;

    /** Leader: a TimeoutNow went out this term, so another node may win at any moment. */
    boolean timeoutNowSent;

    /** Leader: pending reads and heartbeat rounds. */
    final ReadIndexQueue reads = new ReadIndexQueue();

    /** Leader: lease reads are safe while now < leaseUntil (thesis §6.4.1). */
    long leaseUntil;

    final List<Message> messages = new ArrayList<>();
    final List<ReadState> readStates = new ArrayList<>();
    final List<Long> failedReads = new ArrayList<>();
    final List<UnknownOutcome> unknownOutcomes = new ArrayList<>();

    /** The soft state last handed out; a change alone is worth a Ready. */
    private SoftState handedOutSoftState;

    /** The hard state last handed out for persistence. */
    private HardState handedOutHardState;

    /** Snapshot index at which a snapshot was last requested (ask once per threshold). */
    private long snapshotRequestedAt = -1;
    /** Applied index when the server last declined a request: asked again only once applied passes it. */
    private long snapshotDeclinedAt = -1;

    private boolean snapshotRequestPending;

    /** Bytes of the entries applied since the latest snapshot (approximate across restarts: 0 at start). */
    private long appliedBytesSinceSnapshot;

    /** The Ready handed out and not yet advanced, or null. */
    private Ready outstanding;

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
        this.id = config.id();
        this.random = new SplittableRandom(seed);
        this.log = new RaftLog(state.snapshot(), state.entries(), state.hardState().commit());
        this.term = state.hardState().term();
        this.votedFor = state.hardState().votedFor();
        this.handedOutHardState = new HardState(term, votedFor, log.commit());
        this.membership = log.membershipAt(log.lastIndex());
        becomeFollower(term, null);
    }

    // ---- public inputs -------------------------------------------------------------------

    /** Advances logical time by one tick: elections, heartbeats, check-quorum, transfer timeout. */
    public void tick() {
        now++;
        if (role == Role.LEADER) {
            replication.tickLeader();
        } else {
            electionElapsed = Math.min(electionElapsed + 1, 1 << 30); // learners tick forever
            follower.expireForwardedReads();
            if (isVoter() && electionElapsed >= randomizedElectionTimeout) {
                campaign();
            }
        }
    }

    /**
     * Handles a message from a peer. Stale, duplicated and reordered messages are tolerated.
     *
     * @throws IllegalArgumentException if the message is not addressed to this node
     */
    public void step(Message m) {
        if (!id.equals(m.to())) {
            throw new IllegalArgumentException(id + " received a message for " + m.to() + ": " + m);
        }
        router.step(m);
    }

    /**
     * Starts an election now (as if the election timeout fired), with pre-vote if configured.
     * Does nothing on a leader or a node that is not a voter.
     */
    public void campaign() {
        if (role == Role.LEADER || !isVoter()) {
            return;
        }
        if (config.preVote()) {
            election.becomePreCandidate();
        } else {
            election.becomeCandidate(false);
        }
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
        Objects.requireNonNull(command, "command");
        return replication.propose(EntryType.COMMAND, command);
    }

    /**
     * Appends a single-server membership change (thesis §4.1). It takes effect on every node as
     * soon as it is in its log; the next change is accepted only once this one commits.
     *
     * @return the log index of the CONFIG entry
     * @throws NotLeaderException if this node is not leader
     * @throws LeadershipTransferInProgressException during a leadership transfer
     * @throws MembershipChangeRejectedException if a change is pending, no entry of this term is
     *     committed yet, the change does not apply, or a learner to promote has not caught up
     */
    public long proposeMembershipChange(MembershipChange change) {
        Objects.requireNonNull(change, "change");
        requireLeader();
        if (log.term(log.commit()) != term) {
            throw new MembershipChangeRejectedException("the leader has not committed an entry of"
                    + " its term " + term + " yet (thesis §4.1); retry in a moment");
        }
        if (log.lastConfigIndex() > log.commit()) {
            throw new MembershipChangeRejectedException("the membership change at index "
                    + log.lastConfigIndex() + " is not committed yet; one change at a time");
        }
        Membership next = membership.apply(change);
        if (change instanceof MembershipChange.PromoteLearner p) {
            replication.requireCaughtUp(p.nodeId());
        }
        if (transferTarget != null && change instanceof MembershipChange.RemoveMember r
                && r.nodeId().equals(transferTarget)) {
            transferTarget = null; // removing the transfer target aborts the transfer
        }
        return replication.propose(EntryType.CONFIG, next.toBytes());
    }

    /**
     * Asks for a linearizable read (thesis §6.4). The answer comes later in a {@link Ready}:
     * a {@link ReadState} with this id, or the id in {@link Ready#failedReads()}. On a follower
     * the request goes to the leader. Request ids are the caller's; reusing an id that is still
     * pending yields one answer per request.
     */
    public void readIndex(long requestId) {
        if (role == Role.LEADER) {
            replication.read(new ReadIndexQueue.PendingRead(null, requestId, log.commit()));
        } else if (leaderId != null) {
            follower.forwardRead(requestId);
        } else {
            failedReads.add(requestId);
        }
    }

    /**
     * Starts handing leadership to {@code target} (thesis §3.10): catch it up, then TimeoutNow.
     * Proposals are refused meanwhile; the transfer aborts after an election timeout.
     *
     * @throws NotLeaderException if this node is not leader
     * @throws LeadershipTransferRejectedException if the target is not a voter
     */
    public void transferLeadership(String target) {
        Objects.requireNonNull(target, "target");
        requireLeader();
        replication.startTransfer(target);
    }

    /**
     * Tells the core the server did not take the snapshot a Ready asked for (one was already being
     * taken, or taking it failed): the core asks again once more entries are applied, while the
     * log is still past the threshold. Without this it would wait for the snapshot index to move,
     * which a failed snapshot never does; asking again at once would spin through Readies while a
     * long snapshot is in progress.
     */
    public void snapshotDeclined() {
        snapshotRequestedAt = -1;
        snapshotDeclinedAt = log.applied();
    }

    /**
     * Records a snapshot the server took (at or below the applied index) and drops log entries
     * up to {@code meta.index - snapshotTrailingEntries} from memory, and more if the trailing
     * entries would hold over {@code snapshotTrailingBytes}. The data is kept to send to
     * followers that fell behind.
     *
     * @throws IllegalArgumentException if the snapshot is above the applied index or its meta
     *     does not match the log
     */
    public void snapshotTaken(Snapshot snapshot) {
        SnapshotMeta meta = snapshot.meta();
        if (meta.index() <= log.snapshot().meta().index()) {
            return;
        }
        SnapshotMeta expected = snapshotMetaAt(meta.index());
        if (!expected.equals(meta)) {
            throw new IllegalArgumentException("snapshot meta " + meta + " does not match the log,"
                    + " which says " + expected + "; build it with snapshotMetaAt(index)");
        }
        log.snapshotTaken(snapshot);
        snapshotRequestPending = false;
        appliedBytesSinceSnapshot = log.bytesBetween(meta.index(), log.applied());
        long keepFrom = meta.index() - config.snapshotTrailingEntries();
        long kept = 0;
        for (long i = meta.index(); i > Math.max(keepFrom, log.base().index()); i--) {
            kept += log.entry(i).sizeInBytes();
            if (kept > config.snapshotTrailingBytes()) {
                keepFrom = i; // entry i would take the trailing entries past snapshotTrailingBytes
                break;
            }
        }
        if (keepFrom > log.base().index()) {
            compact(keepFrom);
        }
    }

    /**
     * The metadata a snapshot at {@code index} must carry (term and membership at that index).
     *
     * @throws IllegalArgumentException if {@code index} is above the applied index or below the
     *     first index still in memory
     */
    public SnapshotMeta snapshotMetaAt(long index) {
        if (index > log.applied()) {
            throw new IllegalArgumentException("cannot snapshot at " + index
                    + ": only entries up to " + log.applied() + " are applied");
        }
        if (index < log.base().index()) {
            throw new IllegalArgumentException("cannot snapshot at " + index
                    + ": entries up to " + log.base().index() + " are compacted");
        }
        return new SnapshotMeta(index, log.term(index), log.membershipAt(index));
    }

    /**
     * Drops in-memory entries up to {@code index}, which must not exceed the latest snapshot.
     *
     * @throws IllegalArgumentException if {@code index} is past the latest snapshot's index
     */
    public void compact(long index) {
        if (index > log.snapshot().meta().index()) {
            throw new IllegalArgumentException("cannot compact to " + index
                    + " past the latest snapshot at " + log.snapshot().meta().index()
                    + "; take a snapshot first");
        }
        if (index <= log.base().index()) {
            return;
        }
        log.compact(new SnapshotMeta(index, log.term(index), log.membershipAt(index)));
    }

    /**
     * For servers that ship snapshots outside the core: whether sending the last snapshot to
     * {@code peer} succeeded. On failure the peer is probed again after a heartbeat.
     */
    public void reportSnapshot(String peer, boolean ok) {
        replication.reportSnapshot(peer, ok);
    }

    // ---- outputs -------------------------------------------------------------------------

    /** Whether {@link #ready()} would return something to do. False while a Ready is out. */
    public boolean hasReady() {
        if (outstanding != null) {
            return false;
        }
        return !hardState().equals(handedOutHardState)
                || !softState().equals(handedOutSoftState)
                || log.stable() < log.lastIndex()
                || log.pendingSnapshot() != null
                || !messages.isEmpty()
                || log.commit() > Math.max(log.applied(), pendingSnapshotIndex())
                || !readStates.isEmpty()
                || !failedReads.isEmpty()
                || !unknownOutcomes.isEmpty()
                || snapshotRequestPending;
    }

    /**
     * Hands out the pending work. The previous Ready must have been advanced.
     *
     * @throws IllegalStateException if the previous Ready was not advanced yet
     */
    public Ready ready() {
        if (outstanding != null) {
            throw new IllegalStateException("the previous Ready was not advanced; call advance"
                    + " after persisting, sending and applying it");
        }
        HardState hs = hardState();
        int early = earlyCount(hs);
        Ready r = new Ready(softState(), hs.equals(handedOutHardState) ? null : hs,
                log.unstableEntries(), log.pendingSnapshot(), early == 0 ? messages : appendsFirst(),
                log.committedToApply(), readStates, failedReads, unknownOutcomes, snapshotRequestPending,
                early);
        handedOutHardState = hs;
        handedOutSoftState = r.softState();
        messages.clear();
        readStates.clear();
        failedReads.clear();
        unknownOutcomes.clear();
        snapshotRequestPending = false;
        reads.seal();
        outstanding = r;
        return r;
    }

    /**
     * How many pending messages may leave before the Ready is persisted (thesis §10.2.1: the
     * leader replicates while it writes its own log). Only a leader's AppendEntries qualify, and
     * only when the Ready changes neither term nor vote: a term or vote must be on disk before any
     * message carries it (§5.2). The leader counts its own log towards commit only once
     * {@link #advance} reports it persisted ({@code Replication}), so an early send never commits
     * an entry the leader could forget; a follower persists before it acknowledges.
     */
    private int earlyCount(HardState hs) {
        if (role != Role.LEADER || hs.term() != handedOutHardState.term()
                || !Objects.equals(hs.votedFor(), handedOutHardState.votedFor())) {
            return 0;
        }
        int n = 0;
        for (Message m : messages) {
            if (m instanceof AppendEntries) {
                n++;
            }
        }
        return n;
    }

    /** The pending messages, AppendEntries first, each group in its original order. */
    private List<Message> appendsFirst() {
        List<Message> ordered = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (m instanceof AppendEntries) {
                ordered.add(m);
            }
        }
        for (Message m : messages) {
            if (!(m instanceof AppendEntries)) {
                ordered.add(m);
            }
        }
        return ordered;
    }

    /**
     * Tells the node the server finished {@code ready}: entries and hard state persisted, snapshot
     * installed, messages sent, committed entries applied.
     *
     * @throws IllegalStateException if {@code ready} is not the last Ready handed out
     */
    public void advance(Ready ready) {
        if (ready != outstanding) {
            throw new IllegalStateException("advance called with a Ready that is not the one"
                    + " handed out last");
        }
        outstanding = null;
        if (ready.snapshot() != null) {
            log.snapshotInstalled(ready.snapshot());
        }
        log.stableTo(ready.entries());
        if (ready.snapshot() != null) {
            appliedBytesSinceSnapshot = 0;
        }
        if (!ready.committedEntries().isEmpty()) {
            log.appliedTo(ready.committedEntries().get(ready.committedEntries().size() - 1).index());
            for (LogEntry e : ready.committedEntries()) {
                appliedBytesSinceSnapshot += e.sizeInBytes();
            }
        }
        if (role == Role.LEADER) {
            replication.maybeCommit();
        }
        long sinceSnapshot = log.applied() - log.snapshot().meta().index();
        if ((sinceSnapshot >= config.snapshotThresholdEntries()
                || appliedBytesSinceSnapshot >= config.snapshotThresholdBytes())
                && sinceSnapshot > 0 && snapshotRequestedAt != log.snapshot().meta().index()
                && log.applied() > snapshotDeclinedAt) {
            snapshotRequestedAt = log.snapshot().meta().index();
            snapshotRequestPending = true;
        }
    }

    /** Role, leader and term now. */
    public SoftState softState() {
        return new SoftState(role, leaderId, term);
    }

    /** Full state for admin tools. */
    public Status status() {
        Map<String, PeerStatus> peers = new LinkedHashMap<>();
        if (role == Role.LEADER) {
            for (Map.Entry<String, Progress> e : progress.entrySet()) {
                Progress p = e.getValue();
                peers.put(e.getKey(), new PeerStatus(e.getKey(),
                        membership.voters().contains(e.getKey()), p.match, p.next, p.state,
                        p.recentActive));
            }
        }
        return new Status(id, role, term, leaderId, log.commit(), log.applied(), log.lastIndex(),
                log.snapshot().meta().index(), membership, Collections.unmodifiableMap(peers),
                transferTarget);
    }

    /** This node's id. */
    public String id() {
        return id;
    }

    // ---- role transitions ---------------------------------------------------------------------

    void becomeFollower(long newTerm, String leader) {
        boolean wasLeader = role == Role.LEADER;
        if (wasLeader) {
            replication.abandonLeadership();
        }
        if (newTerm != term) {
            term = newTerm;
            votedFor = null;
        }
        if (leader == null || !leader.equals(leaderId)) {
            follower.failForwardedReads();
        }
        role = Role.FOLLOWER;
        leaderId = leader;
        resetTimers();
    }

    void resetTimers() {
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
    }

    /** Recomputes the membership after the log changed; updates leader progress to match. */
    void refreshMembership() {
        Membership latest = log.membershipAt(log.lastIndex());
        if (latest.equals(membership)) {
            return;
        }
        membership = latest;
        if (role == Role.LEADER) {
            replication.membershipChanged();
        }
    }

    boolean isVoter() {
        return membership.voters().contains(id);
    }

    HardState hardState() {
        return new HardState(term, votedFor, log.commit());
    }

    private long pendingSnapshotIndex() {
        return log.pendingSnapshot() == null ? 0 : log.pendingSnapshot().meta().index();
    }

    void requireLeader() {
        if (role != Role.LEADER) {
            throw new NotLeaderException(id, leaderId);
        }
    }

    void send(Message m) {
        messages.add(m);
    }

    /** Appends an entry created by this leader; returns its index. */
    long appendOwn(EntryType type, byte[] payload) {
        LogEntry e = new LogEntry(term, log.lastIndex() + 1, type, payload);
        log.append(e);
        if (type == EntryType.CONFIG) {
            refreshMembership();
        }
        return e.index();
    }
}
