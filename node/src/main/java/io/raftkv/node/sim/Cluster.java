package io.raftkv.node.sim;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.AppendEntries;
import io.raftkv.node.raft.HardState;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.Message;
import io.raftkv.node.raft.PersistedState;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.ReadState;
import io.raftkv.node.raft.Ready;
import io.raftkv.node.raft.Role;
import io.raftkv.node.raft.Snapshot;
import io.raftkv.node.raft.SnapshotMeta;
import io.raftkv.node.raft.Status;
import io.raftkv.node.raft.UnknownOutcome;
import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The simulated cluster: node slots, the network between them, and the driver loop that runs each
 * core by its {@link Ready} contract. For every Ready, in order: install the snapshot, persist the
 * hard state and entries (truncating a conflicting suffix first), THEN send the messages, apply the
 * committed entries, serve confirmed reads, advance, and take a snapshot if asked. Every step is
 * reported to the {@link SafetyChecker}.
 *
 * <p>Single-threaded; all randomness from the simulation's one {@link SplittableRandom}.
 */
final class Cluster {

    private final SplittableRandom random;
    /** The Raft settings of the node with a given id; the same for every start of that node. */
    private final Function<String, RaftConfig> configFor;
    final SimNode[] nodes;
    final SimNetwork<Message> network;
    final SafetyChecker checker;
    final TraceHash trace;
    Workload workload;
    /** member[s]: slot s has been in a committed membership; a later one without it removes it. */
    private final boolean[] member;
    /** Where to print a human-readable event log when replaying a seed, or null (the default). */
    PrintStream log;
    /** See {@link FaultProfile#commitCrashRate()}; 0 when off (always in the healed phases). */
    private double commitCrashRate;
    /** Chance per leader Ready with early sends of crashing before persisting it. */
    private double earlyCrashRate;
    /** See {@link FaultProfile#youngDropRate()}; 0 when off (always in the healed phases). */
    private double youngDropRate;
    private int youngAge;
    /** Log index of the newest committed membership noted; older ones (in snapshots) are ignored. */
    private long membershipIndex;
    /** The current tick. */
    long now;
    private long delivered;
    private long leaderElections;

    Cluster(SplittableRandom random, Function<String, RaftConfig> configFor, int slots, SafetyChecker checker, TraceHash trace) {
        this.random = random;
        this.configFor = configFor;
        this.checker = checker;
        this.trace = trace;
        nodes = new SimNode[slots];
        for (int s = 0; s < slots; s++) {
            nodes[s] = new SimNode(s);
        }
        member = new boolean[slots];
        network = new SimNetwork<>(random, new Links(slots));
    }

    long delivered() {
        return delivered;
    }

    long leaderElections() {
        return leaderElections;
    }

    /** Creates slot {@code s}'s disk from {@code initial} and starts it. */
    void create(int s, PersistedState initial, boolean initialMember) {
        SimNode n = nodes[s];
        n.config = configFor.apply(n.id);
        n.disk = new SimDisk(initial);
        member[s] = initialMember;
        start(n);
    }

    /** Starts a stopped node from its disk only: the core and state machine are rebuilt. */
    void restart(int s) {
        SimNode n = nodes[s];
        if (n.up() || n.removed || n.disk == null) {
            throw new IllegalStateException("slot " + s + " cannot restart: up=" + n.up()
                    + " removed=" + n.removed + " created=" + (n.disk != null));
        }
        trace.add(0x5E5 + s);
        if (log != null) {
            log.println("t" + now + " restart " + n.id);
        }
        start(n);
    }

    /** Crashes a running node: everything not on its disk is lost. */
    void crash(int s) {
        SimNode n = nodes[s];
        trace.add(0xC4A5 + s);
        if (log != null) {
            log.println("t" + now + " crash " + n.id);
        }
        n.core = null;
        n.kv = null;
        n.downSince = now;
        n.leaderTerm = -1;
        workload.onCrash(s);
    }

    /** One tick: every running core ticks, then every message due is delivered. */
    void tick() {
        checker.setStep(now);
        for (SimNode n : nodes) {
            if (n.up()) {
                n.core.tick();
                drain(n);
            }
        }
        SimNetwork.Envelope<Message> env;
        while ((env = network.poll(now)) != null) {
            SimNode n = nodes[env.to()];
            if (!n.up()) {
                continue;
            }
            delivered++;
            Message m = env.message();
            trace.add(env.from() * 31L + env.to());
            trace.add(m.getClass().getSimpleName().hashCode() * 31L + m.term());
            if (log != null) {
                log.println("t" + now + " deliver " + m);
            }
            n.core.step(m);
            drain(n);
        }
        for (SimNode n : nodes) {
            if ((n.removed || n.crashAtTickEnd) && n.up()) {
                note((n.removed ? "stop removed " : "crash after commit ") + n.id);
                crash(n.slot);
            }
            n.crashAtTickEnd = false;
        }
        workload.expire(now);
        now++;
    }

    /** The running node that believes it leads the highest term, or null. */
    SimNode leader() {
        SimNode best = null;
        for (SimNode n : nodes) {
            if (n.isLeader() && (best == null || n.soft().term() > best.soft().term())) {
                best = n;
            }
        }
        return best;
    }

    /**
     * Whether the cluster is quiet and converged: one leader whose log is fully committed, and
     * every member of its membership running, having applied exactly that far, with equal state.
     */
    boolean converged() {
        SimNode l = leader();
        if (l == null) {
            return false;
        }
        Status st = l.core.status();
        if (st.commit() != st.lastIndex() || l.applied != st.commit()) {
            return false;
        }
        long hash = l.kv.stateHash();
        for (String id : st.membership().all()) {
            int s = SimNode.slotOf(id);
            SimNode n = nodes[s];
            if (!n.up() || n.applied != st.commit() || n.kv.stateHash() != hash) {
                return false;
            }
        }
        return true;
    }

    /** A one-line picture of every created slot, for liveness reports. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (SimNode n : nodes) {
            if (n.disk == null) {
                continue;
            }
            sb.append(n.id).append('[');
            if (n.removed) {
                sb.append("removed");
            } else if (!n.up()) {
                sb.append("down");
            } else {
                sb.append(n.soft().role()).append(" t").append(n.soft().term()).append(" applied ")
                        .append(n.applied).append(" last ").append(n.disk.lastIndex());
            }
            sb.append("] ");
        }
        SimNode l = leader();
        if (l != null) {
            Status st = l.core.status();
            sb.append("leader-view membership ").append(st.membership()).append(" commit ").append(st.commit())
                    .append(" last ").append(st.lastIndex()).append(' ');
        }
        return sb.append("links ").append(network.links().shape()).toString();
    }

    /**
     * Sets the chance that a leader crashes after sending a Ready's early AppendEntries and before
     * persisting that Ready; 0 turns it off.
     */
    void setEarlyCrash(double rate) {
        earlyCrashRate = rate;
    }

    /** Sets the chance that a leader crashes right after advancing its commit; 0 turns it off. */
    void setCommitCrash(double rate) {
        commitCrashRate = rate;
    }

    /** Sets the targeted loss of young leaders' own-term entries; rate 0 turns it off. */
    void setYoungLeaderDrop(double rate, int age) {
        youngDropRate = rate;
        youngAge = age;
    }

    /** Prints {@code event} to the replay log, if one is set. */
    void note(String event) {
        if (log != null) {
            log.println("t" + now + " " + event);
        }
    }

    /** Hands every pending Ready of {@code n} to the driver until the core has nothing left. */
    void drain(SimNode n) {
        while (n.up() && n.core.hasReady()) {
            Ready rd = n.core.ready();
            boolean snapshotAsked = handle(n, rd);
            if (!n.up()) {
                return; // crashed between its early sends and persisting
            }
            n.core.advance(rd);
            if (snapshotAsked) {
                takeSnapshot(n);
            }
        }
    }

    private void start(SimNode n) {
        PersistedState state = n.disk.toPersistedState();
        n.core = new RaftNode(n.config, state, random.nextLong());
        n.kv = new KvStore();
        n.kv.restore(state.snapshot().data());
        n.applied = state.snapshot().meta().index();
        n.leaderTerm = -1;
        checker.onRestore(n.id, n.applied, n.kv.stateHash());
        drain(n);
    }

    /** Handles one Ready; returns whether the core asked for a snapshot. */
    private boolean handle(SimNode n, Ready rd) {
        SimDisk disk = n.disk;
        Role role = rd.softState().role();
        long term = rd.softState().term();
        boolean leader = role == Role.LEADER;
        boolean newLeader = leader && n.leaderTerm != term;
        if (log != null && (rd.hardState() != null || !rd.entries().isEmpty() || rd.snapshot() != null)) {
            log.println("t" + now + " " + n.id + " ready " + rd.softState() + " hs=" + rd.hardState()
                    + " entries=" + rd.entries().size() + (rd.entries().isEmpty() ? "" : "@" + rd.entries().get(0).index())
                    + " snap=" + rd.snapshot() + " committed=" + rd.committedEntries().size());
        }
        if (newLeader) {
            n.leaderSince = now;
            leaderElections++;
            trace.add(0x1EAD + n.slot * 1_000_003L + term);
            checker.onLeader(n.id, term);
        }
        long commitBefore = disk.hardState().commit();
        // A leader's AppendEntries may leave before it persists (thesis §10.2.1); a crash right
        // after them loses this Ready's entries on the leader while followers may keep them.
        boolean young = leader && youngDropRate > 0 && now - n.leaderSince <= youngAge;
        send(n, rd.messages().subList(0, rd.earlyMessages()), young);
        if (rd.earlyMessages() > 0 && earlyCrashRate > 0 && random.nextDouble() < earlyCrashRate) {
            note("crash before persisting " + n.id);
            crash(n.slot);
            return false;
        }
        if (rd.snapshot() != null) {
            installSnapshot(n, rd.snapshot(), leader && !newLeader);
        }
        if (rd.hardState() != null) {
            checker.onHardState(n.id, disk.hardState(), rd.hardState());
            disk.saveHardState(rd.hardState());
        }
        if (!rd.entries().isEmpty()) {
            if (leader && !newLeader) {
                checker.onLeaderWrite(n.id, term, rd.entries().get(0).index(), disk.lastIndex());
            }
            disk.append(rd.entries());
            checker.onPersisted(n.id, disk, rd.entries());
        }
        n.leaderTerm = leader ? term : -1;
        if (newLeader) {
            checker.onNewLeader(n.id, term, disk);
        }
        HardState hs = disk.hardState();
        if (hs.commit() > commitBefore) {
            Membership m = leader ? n.core.status().membership() : null;
            checker.onCommit(n.id, disk, commitBefore, hs.commit(), leader, m, this::diskOf);
            if (leader && commitCrashRate > 0 && random.nextDouble() < commitCrashRate) {
                n.crashAtTickEnd = true;
            }
        }
        // Persisted: only now may the other messages leave (§5, Figure 2).
        send(n, rd.messages().subList(rd.earlyMessages(), rd.messages().size()), young);
        for (LogEntry e : rd.committedEntries()) {
            apply(n, e);
        }
        for (ReadState rs : rd.readStates()) {
            workload.onReadState(n.slot, rs.requestId(), rs.readIndex());
        }
        for (long id : rd.failedReads()) {
            workload.onReadFailed(n.slot, id);
        }
        for (UnknownOutcome u : rd.unknownOutcomes()) {
            workload.onUnknownOutcome(n.slot, u.term(), u.firstIndex(), u.lastIndex());
        }
        workload.serveReads(n, now);
        return rd.snapshotRequested();
    }

    private void send(SimNode n, List<Message> messages, boolean young) {
        for (Message m : messages) {
            int to = SimNode.slotOf(m.to());
            if (young && carriesOwnTerm(m) && random.nextDouble() < youngDropRate) {
                continue;
            }
            if (to >= 0 && to < nodes.length) {
                network.send(n.slot, to, m, now);
            }
        }
    }

    private static boolean carriesOwnTerm(Message m) {
        if (m instanceof AppendEntries a) {
            for (LogEntry e : a.entries()) {
                if (e.term() == a.term()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void installSnapshot(SimNode n, Snapshot snap, boolean stillLeader) {
        long index = snap.meta().index();
        trace.add(0x5AA9 + index);
        if (stillLeader) {
            checker.fail(Violation.Kind.LEADER_APPEND_ONLY, "leader " + n.id
                    + " was handed a snapshot at index " + index + " while leading its term");
        }
        if (index < n.applied) {
            checker.fail(Violation.Kind.CORE_ERROR, n.id + " was handed a snapshot at index " + index
                    + " below its applied index " + n.applied + "; applying it would roll state back");
            return;
        }
        n.disk.installSnapshot(snap);
        n.kv.restore(snap.data());
        n.applied = index;
        checker.onRestore(n.id, index, n.kv.stateHash());
        noteMembership(index, snap.meta().membership());
    }

    private void apply(SimNode n, LogEntry e) {
        if (e.index() != n.applied + 1) {
            checker.fail(Violation.Kind.STATE_MACHINE_SAFETY, n.id + " was given entry " + e.index()
                    + " to apply but had applied up to " + n.applied + " (entries must be consecutive)");
            return;
        }
        if (!e.equals(n.disk.entry(e.index()))) {
            // the server's state machine reads what it applies from its own stored log
            checker.fail(Violation.Kind.CORE_ERROR, n.id + " was given entry " + e.index()
                    + " to apply before persisting it (its disk holds " + n.disk.entry(e.index()) + ")");
            return;
        }
        boolean result = false;
        if (e.type() == EntryType.COMMAND) {
            KvCommand command = KvCommand.decode(e.payload());
            checker.onCommand(n.id, command.opId(), e.index());
            result = n.kv.apply(command);
        } else if (e.type() == EntryType.CONFIG) {
            noteMembership(e.index(), Membership.fromBytes(e.payload()));
        }
        n.applied = e.index();
        checker.onApply(n.id, e, n.kv.stateHash());
        workload.onApplied(n.slot, e, result, now);
    }

    /**
     * A committed membership: members become known members; known members left out are marked
     * removed and stopped at the end of the tick (thesis §4.2.2: a removed server shuts down once
     * the change commits). A membership at or below the newest one noted is stale and ignored.
     */
    private void noteMembership(long index, Membership m) {
        if (index <= membershipIndex) {
            return;
        }
        membershipIndex = index;
        for (SimNode s : nodes) {
            if (s.disk == null || s.removed) {
                continue;
            }
            if (m.contains(s.id)) {
                member[s.slot] = true;
            } else if (member[s.slot]) {
                trace.add(0xDEAD + s.slot);
                s.removed = true;
            }
        }
    }

    private void takeSnapshot(SimNode n) {
        if (!n.up() || n.applied <= n.disk.snapshotIndex()) {
            return;
        }
        SnapshotMeta meta = n.core.snapshotMetaAt(n.applied);
        Snapshot snap = new Snapshot(meta, n.kv.snapshot());
        n.core.snapshotTaken(snap);
        n.disk.compactTo(snap);
        trace.add(0x5A0 + meta.index());
        drain(n);
    }

    private SimDisk diskOf(String id) {
        int s = SimNode.slotOf(id);
        return s >= 0 && s < nodes.length ? nodes[s].disk : null;
    }
}
