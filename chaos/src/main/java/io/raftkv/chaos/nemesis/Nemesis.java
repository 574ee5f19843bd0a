package io.raftkv.chaos.nemesis;

import io.raftkv.chaos.cluster.ChaosCluster;
import io.raftkv.chaos.cluster.JoiningNode;
import io.raftkv.chaos.net.LinkFault;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.api.RaftKvClientException;
import io.raftkv.client.rpc.ClusterStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Schedule} against a {@link ChaosCluster}: waits out each quiet time, picks the
 * nodes of the next fault (asking the cluster who leads when the fault concerns the leader),
 * injects it, holds it, heals it, and records a {@link FaultEvent}.
 *
 * <p>One thread runs {@link #run}; {@link #stop} may be called from any other to cut the
 * schedule short (the fault in force is still healed). Waits are the schedule's own timing.
 */
public final class Nemesis {

    private final ChaosCluster cluster;
    private final RaftKvClient admin;
    private final Random random;
    private final LongSupplier clock;
    private final List<FaultEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The member a Grow fault added and has not removed yet; null if none. */
    private String grown;

    /**
     * @param admin  a client of the cluster for status and membership requests
     * @param random the source of node choices
     * @param clock  nanoseconds since the run started (the history's clock)
     */
    public Nemesis(ChaosCluster cluster, RaftKvClient admin, Random random, LongSupplier clock) {
        this.cluster = cluster;
        this.admin = admin;
        this.random = random;
        this.clock = clock;
    }

    /** Every fault injected so far. */
    public List<FaultEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Ends {@link #run} early, after healing the fault in force. */
    public void stop() {
        stopped.countDown();
    }

    /**
     * Plays the schedule. Blocks for its length (or until {@link #stop}).
     *
     * @throws IOException if a node cannot be restarted or started
     */
    public void run(Schedule schedule) throws InterruptedException, IOException {
        for (ScheduledFault step : schedule.steps()) {
            if (stopped.await(step.quietBefore().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            Fault fault = plan(step.kind());
            long start = clock.getAsLong();
            StringBuilder note = new StringBuilder();
            try {
                long until = System.nanoTime() + step.length().toNanos();
                inject(fault, note);
                if (fault instanceof Fault.Grow) {
                    promoteUntil(until, note);
                }
                stopped.await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } finally {
                heal(fault, note);
                events.add(new FaultEvent(fault.kind(), fault.describe(), start, clock.getAsLong(), note.toString()));
            }
            if (stopped.getCount() == 0) {
                return;
            }
        }
    }

    /** Chooses the nodes of a fault of {@code kind} now. */
    Fault plan(FaultKind kind) {
        List<String> nodes = new ArrayList<>(cluster.initialIds());
        Collections.shuffle(nodes, random);
        String leader = leaderOr(nodes.get(0));
        return switch (kind) {
            case PARTITION_HALVES -> {
                int minority = (nodes.size() - 1) / 2;
                List<String> small = nodes.subList(0, minority);
                List<String> big = nodes.subList(minority, nodes.size());
                yield new Fault.Partition(kind, "minority " + small + " | majority " + big, cutBetween(small, big));
            }
            case PARTITION_BRIDGE -> {
                int side = (nodes.size() - 1) / 2;
                List<String> a = nodes.subList(0, side);
                String bridge = nodes.get(side);
                List<String> b = nodes.subList(side + 1, nodes.size());
                yield new Fault.Partition(kind, a + " | bridge " + bridge + " | " + b, cutBetween(a, b));
            }
            case ONE_WAY_LEADER -> {
                Set<Link> cut = new HashSet<>();
                for (String n : nodes) {
                    if (!n.equals(leader)) {
                        cut.add(new Link(leader, n));
                    }
                }
                yield new Fault.Partition(kind, "leader " + leader + " is heard by nobody (one way)", cut);
            }
            case ISOLATE_LEADER -> {
                List<String> others = new ArrayList<>(nodes);
                others.remove(leader);
                yield new Fault.Partition(kind, "leader " + leader + " isolated", cutBetween(List.of(leader), others));
            }
            case DELAY -> new Fault.Degrade(kind, LinkFault.delay(100, 100));
            case DROP -> new Fault.Degrade(kind, LinkFault.drop(0.1));
            case KILL -> new Fault.Crash(kind, List.of(nodes.get(0)));
            case KILL_LEADER -> new Fault.Crash(kind, List.of(leader));
            case KILL_ALL -> new Fault.Crash(kind, cluster.ids());
            case PAUSE -> new Fault.Pause(kind, nodes.get(0));
            case PAUSE_LEADER -> new Fault.Pause(kind, leader);
            case MEMBERSHIP -> new Fault.Grow(kind);
        };
    }

    private static Set<Link> cutBetween(List<String> a, List<String> b) {
        Set<Link> cut = new HashSet<>();
        for (String x : a) {
            for (String y : b) {
                cut.add(new Link(x, y));
                cut.add(new Link(y, x));
            }
        }
        return cut;
    }

    /** The leader the cluster reports, or {@code fallback} if it does not answer in time. */
    private String leaderOr(String fallback) {
        try {
            ClusterStatus s = admin.statusAsync().get(3, TimeUnit.SECONDS);
            return s.leaderId().isEmpty() || !cluster.initialIds().contains(s.leaderId()) ? fallback : s.leaderId();
        } catch (Exception e) {
            return fallback;
        }
    }

    private void inject(Fault fault, StringBuilder note) throws InterruptedException, IOException {
        if (fault instanceof Fault.Partition p) {
            for (Link l : p.cut()) {
                cluster.setLink(l.from(), l.to(), LinkFault.CUT);
            }
        } else if (fault instanceof Fault.Degrade d) {
            for (String from : cluster.initialIds()) {
                for (String to : cluster.initialIds()) {
                    if (!from.equals(to)) {
                        cluster.setLink(from, to, d.fault());
                    }
                }
            }
        } else if (fault instanceof Fault.Crash c) {
            for (String n : c.nodes()) {
                cluster.kill(n);
            }
        } else if (fault instanceof Fault.Pause p) {
            cluster.pause(p.node());
        } else if (fault instanceof Fault.Grow) {
            grow(note);
        } else {
            throw new IllegalStateException("no injection for " + fault);
        }
    }

    private void heal(Fault fault, StringBuilder note) throws InterruptedException, IOException {
        if (fault instanceof Fault.Partition || fault instanceof Fault.Degrade) {
            cluster.healLinks();
        } else if (fault instanceof Fault.Crash c) {
            for (String n : c.nodes()) {
                cluster.restart(n);
            }
        } else if (fault instanceof Fault.Pause p) {
            cluster.resume(p.node());
        } else if (fault instanceof Fault.Grow) {
            shrink(note);
        } else {
            throw new IllegalStateException("no healing for " + fault);
        }
    }

    /** Starts a fresh node and adds it as a learner. */
    private void grow(StringBuilder note) throws InterruptedException, IOException {
        if (grown != null) {
            note.append("skipped: ").append(grown).append(" from an earlier growth is still a member; ");
            return;
        }
        JoiningNode node = cluster.startJoiningNode();
        grown = node.id();
        try {
            admin.addLearner(node.id(), node.address());
            note.append(node.id()).append(" added as learner; ");
        } catch (RaftKvClientException e) {
            note.append("add ").append(node.id()).append(" failed: ").append(e.getMessage()).append("; ");
        }
    }

    /**
     * Asks the leader to promote the learner until it accepts (it refuses while the learner
     * has not caught up, thesis §4.2.1) or the fault's time is up.
     */
    private void promoteUntil(long deadlineNanos, StringBuilder note) throws InterruptedException {
        if (grown == null) {
            return;
        }
        String last = "";
        int attempts = 0;
        while (System.nanoTime() < deadlineNanos) {
            attempts++;
            try {
                admin.promoteLearner(grown);
                note.append(grown).append(" promoted to voter after ").append(attempts).append(" attempt(s); ");
                return;
            } catch (RaftKvClientException e) {
                last = e.getMessage();
                if (last != null && last.contains("not a learner")) {
                    addAgain(note);
                }
            }
            if (stopped.await(500, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        note.append(grown).append(" not promoted in time (").append(attempts).append(" attempts; last: ").append(last)
                .append("); ");
    }

    /** Repeats an AddLearner that failed (timed out, leader lost); "already a member" counts as done. */
    private void addAgain(StringBuilder note) throws InterruptedException {
        try {
            admin.addLearner(grown, cluster.joiningAddress(grown));
            note.append(grown).append(" added as learner on a retry; ");
        } catch (RaftKvClientException e) {
            if (String.valueOf(e.getMessage()).contains("already")) {
                return;
            }
            note.append("add ").append(grown).append(" retry failed; ");
        }
    }

    /** RemoveMember, then discard the process; a member that could not be removed keeps running. */
    private void shrink(StringBuilder note) throws InterruptedException {
        if (grown == null) {
            return;
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                admin.removeMember(grown);
                note.append(grown).append(" removed; ");
                cluster.discard(grown);
                grown = null;
                return;
            } catch (RaftKvClientException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("not a member") || m.contains("no member") || m.contains("unknown member")) {
                    cluster.discard(grown);
                    note.append(grown).append(" was not a member; discarded; ");
                    grown = null;
                    return;
                }
                if (attempt == 5) {
                    note.append("remove ").append(grown).append(" failed, it keeps running: ").append(m).append("; ");
                }
            }
        }
    }
}
