package io.raftkv.node.raft;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A few real {@link RaftNode}s wired by a message queue the test delivers by hand, with
 * in-memory durable storage, partitions and drop rules. Records safety violations (two leaders
 * in a term, two different entries applied at one index) instead of throwing, so tests of the
 * unsafe switches can assert that the violation happened.
 */
final class TestCluster {

    /** One node's durable and applied state. */
    static final class Peer {
        final String id;
        final RaftConfig config;
        final MemoryStorage storage;
        RaftNode node;
        /** The state machine: commands applied in order (the snapshot data is their join). */
        final List<String> applied = new ArrayList<>();
        long appliedIndex;
        final List<ReadState> readStates = new ArrayList<>();
        final List<Long> failedReads = new ArrayList<>();
        final List<UnknownOutcome> unknownOutcomes = new ArrayList<>();
        final List<LogEntry> appliedEntries = new ArrayList<>();
        int snapshotsTaken;
        /** Snapshot requests this server still declines (as RaftLoop does when one is in progress or fails). */
        int snapshotDeclines;
        boolean down;

        Peer(String id, RaftConfig config, MemoryStorage storage) {
            this.id = id;
            this.config = config;
            this.storage = storage;
        }
    }

    final Map<String, Peer> peers = new LinkedHashMap<>();
    final List<Message> queue = new ArrayList<>();
    final List<Message> delivered = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    private final Set<String> isolated = new HashSet<>();
    private final Set<String> cut = new HashSet<>();
    private Predicate<Message> drop = m -> false;
    private final Map<Long, String> leaderOfTerm = new HashMap<>();
    private final Map<Long, LogEntry> appliedAt = new TreeMap<>();
    private long seed = 1;

    /** A cluster of voters n1..nN, every config derived from the defaults by {@code tune}. */
    static TestCluster of(int n, Function<RaftConfig, RaftConfig> tune) {
        TestCluster c = new TestCluster();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add("n" + i);
        }
        Membership m = new Membership(Set.copyOf(ids), Set.of());
        for (String id : ids) {
            c.add(id, tune.apply(RaftConfig.defaults(id)), PersistedState.bootstrap(m));
        }
        return c;
    }

    /** A cluster of every member of {@code m}, bootstrapped with {@code m}. */
    static TestCluster of(Membership m, Function<RaftConfig, RaftConfig> tune) {
        TestCluster c = new TestCluster();
        for (String id : m.all()) {
            c.add(id, tune.apply(RaftConfig.defaults(id)), PersistedState.bootstrap(m));
        }
        return c;
    }

    /** Delivered messages of a type matching {@code p}. */
    <T extends Message> long countDelivered(Class<T> type, Predicate<T> p) {
        return delivered.stream().filter(type::isInstance).map(type::cast).filter(p).count();
    }

    long term(String id) {
        return node(id).softState().term();
    }

    static TestCluster of(int n) {
        return of(n, Function.identity());
    }

    /** Adds a node restored from {@code state} (e.g. {@link PersistedState#joining()}). */
    Peer add(String id, RaftConfig config, PersistedState state) {
        MemoryStorage s = new MemoryStorage(state.snapshot());
        s.hardState = state.hardState();
        s.entries.addAll(state.entries());
        Peer p = new Peer(id, config, s);
        p.node = new RaftNode(config, state, seed++);
        p.appliedIndex = state.snapshot().meta().index();
        peers.put(id, p);
        return p;
    }

    RaftNode node(String id) {
        return peers.get(id).node;
    }

    Peer peer(String id) {
        return peers.get(id);
    }

    // ---- network -----------------------------------------------------------------------------

    void isolate(String id) {
        isolated.add(id);
    }

    void cut(String a, String b) {
        cut.add(a + ">" + b);
        cut.add(b + ">" + a);
    }

    void heal() {
        isolated.clear();
        cut.clear();
        drop = m -> false;
    }

    void dropIf(Predicate<Message> p) {
        drop = p;
    }

    private boolean blocked(Message m) {
        return isolated.contains(m.from()) || isolated.contains(m.to())
                || cut.contains(m.from() + ">" + m.to()) || drop.test(m)
                || !peers.containsKey(m.to()) || peers.get(m.to()).down;
    }

    // ---- driving -----------------------------------------------------------------------------

    /** Handles one node's Ready the way the server must: install, persist, send, apply. */
    boolean processReady(String id) {
        Peer p = peers.get(id);
        if (p.down || !p.node.hasReady()) {
            return false;
        }
        Ready r = p.node.ready();
        SoftState ss = r.softState();
        if (ss.role() == Role.LEADER) {
            String prev = leaderOfTerm.putIfAbsent(ss.term(), id);
            if (prev != null && !prev.equals(id)) {
                violations.add("two leaders in term " + ss.term() + ": " + prev + " and " + id);
            }
        }
        if (r.snapshot() != null) {
            p.storage.installSnapshot(r.snapshot());
            restoreStateMachine(p, r.snapshot());
        }
        p.storage.persist(r.hardState(), r.entries());
        for (Message m : r.messages()) {
            if (!blocked(m)) {
                queue.add(m); // a partition at send time loses the message too
            }
        }
        for (LogEntry e : r.committedEntries()) {
            apply(p, e);
        }
        p.readStates.addAll(r.readStates());
        p.failedReads.addAll(r.failedReads());
        p.unknownOutcomes.addAll(r.unknownOutcomes());
        // A decline happens before advance, as in RaftLoop (which answers the request synchronously
        // when a snapshot is already in progress); a snapshot is taken after it.
        boolean declined = r.snapshotRequested() && p.snapshotDeclines > 0;
        if (declined) {
            p.snapshotDeclines--;
            p.node.snapshotDeclined();
        }
        p.node.advance(r);
        if (r.snapshotRequested() && !declined) {
            takeSnapshot(id);
        }
        return true;
    }

    private void apply(Peer p, LogEntry e) {
        if (e.index() != p.appliedIndex + 1) {
            violations.add(p.id + " applied " + e.index() + " after " + p.appliedIndex);
        }
        p.appliedIndex = e.index();
        p.appliedEntries.add(e);
        if (e.type() == EntryType.COMMAND) {
            p.applied.add(new String(e.payload(), StandardCharsets.UTF_8));
        }
        LogEntry prev = appliedAt.putIfAbsent(e.index(), e);
        if (prev != null && !prev.equals(e)) {
            violations.add("state machine safety: index " + e.index() + " applied as " + prev
                    + " and as " + e + " on " + p.id);
        }
    }

    private static void restoreStateMachine(Peer p, Snapshot s) {
        p.applied.clear();
        String data = new String(s.data(), StandardCharsets.UTF_8);
        if (!data.isEmpty()) {
            p.applied.addAll(List.of(data.split("\n", -1)));
        }
        p.appliedIndex = s.meta().index();
    }

    /** Takes a snapshot of {@code id}'s state machine at its applied index. */
    void takeSnapshot(String id) {
        Peer p = peers.get(id);
        SnapshotMeta meta = p.node.snapshotMetaAt(p.appliedIndex);
        Snapshot s = new Snapshot(meta,
                String.join("\n", p.applied).getBytes(StandardCharsets.UTF_8));
        p.node.snapshotTaken(s);
        p.storage.compactTo(s);
        p.snapshotsTaken++;
    }

    /** Delivers one queued message (index i) unless the network blocks it. */
    void deliver(int i) {
        Message m = queue.remove(i);
        if (!blocked(m)) {
            stepSafely(m);
        }
    }

    /** Delivers {@code m} now unless the network blocks it. */
    void deliverNow(Message m) {
        if (!blocked(m)) {
            stepSafely(m);
        }
    }

    /** Steps a message; a node that detects a broken invariant records a violation. */
    void stepSafely(Message m) {
        delivered.add(m);
        try {
            peers.get(m.to()).node.step(m);
        } catch (IllegalStateException e) {
            violations.add(m.to() + ": " + e.getMessage());
        }
    }

    /** Processes readies and delivers messages until nothing moves (bounded). */
    void stabilize() {
        for (int round = 0; round < 10_000; round++) {
            boolean moved = false;
            for (String id : peers.keySet()) {
                moved |= processReady(id);
            }
            if (!queue.isEmpty()) {
                moved = true;
                List<Message> batch = new ArrayList<>(queue);
                queue.clear();
                for (Message m : batch) {
                    if (!blocked(m)) {
                        stepSafely(m);
                    }
                }
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("cluster did not stabilize in 10,000 rounds");
    }

    /** Processes every node's Ready once without delivering anything. */
    void flushReadies() {
        for (String id : peers.keySet()) {
            processReady(id);
        }
    }

    /** Ticks every live node once then stabilizes, {@code n} times. */
    void tickAll(int n) {
        for (int i = 0; i < n; i++) {
            for (Peer p : peers.values()) {
                if (!p.down) {
                    p.node.tick();
                }
            }
            stabilize();
        }
    }

    /** Makes {@code id} campaign and stabilizes; returns whether it became leader. */
    boolean elect(String id) {
        node(id).campaign();
        stabilize();
        return node(id).softState().role() == Role.LEADER;
    }

    /** Proposes a command on {@code id} and returns its index. */
    long propose(String id, String command) {
        return node(id).propose(command.getBytes(StandardCharsets.UTF_8));
    }

    /** Crashes {@code id}: unpersisted state and queued messages to it are lost. */
    void crash(String id) {
        peers.get(id).down = true;
        queue.removeIf(m -> m.to().equals(id));
    }

    /** Crashes {@code id} while it writes its next Ready: nothing of it is stored or sent. */
    void crashBeforePersist(String id) {
        if (node(id).hasReady()) {
            node(id).ready();
        }
        crash(id);
    }

    /** Crashes {@code id} after it stored and sent its next Ready but before applying it. */
    void crashAfterPersistBeforeApply(String id) {
        Peer p = peers.get(id);
        if (p.node.hasReady()) {
            Ready r = p.node.ready();
            if (r.snapshot() != null) {
                p.storage.installSnapshot(r.snapshot());
            }
            p.storage.persist(r.hardState(), r.entries());
            for (Message m : r.messages()) {
                if (!blocked(m)) {
                    queue.add(m);
                }
            }
        }
        crash(id);
    }

    /** Restarts {@code id} from what it persisted. */
    void restart(String id) {
        Peer p = peers.get(id);
        p.down = false;
        PersistedState state = p.storage.restore();
        p.node = new RaftNode(p.config, state, seed++);
        restoreStateMachine(p, state.snapshot());
    }

    /** The leader with the highest term among live, reachable nodes, or null. */
    String leader() {
        String best = null;
        long bestTerm = -1;
        for (Peer p : peers.values()) {
            SoftState s = p.node.softState();
            if (!p.down && !isolated.contains(p.id) && s.role() == Role.LEADER
                    && s.term() > bestTerm) {
                best = p.id;
                bestTerm = s.term();
            }
        }
        return best;
    }

    /** Ticks until some node is leader (at most {@code maxTicks}); returns it or null. */
    String tickUntilLeader(int maxTicks) {
        for (int i = 0; i < maxTicks; i++) {
            tickAll(1);
            String l = leader();
            if (l != null && allFollowersAgree(l)) {
                return l;
            }
        }
        return null;
    }

    private boolean allFollowersAgree(String leader) {
        for (Peer p : peers.values()) {
            if (!p.down && !isolated.contains(p.id) && p.node.status().membership().contains(p.id)
                    && !leader.equals(p.node.softState().leaderId())) {
                return false;
            }
        }
        return true;
    }

    /** Takes {@code id}'s Ready without the cluster handling it, advances, returns it. */
    Ready takeReady(String id) {
        Ready r = node(id).ready();
        node(id).advance(r);
        return r;
    }

    List<String> appliedCommands(String id) {
        return peers.get(id).applied;
    }
}
