package io.raftkv.node.sim;

import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.MembershipChange;
import io.raftkv.node.raft.PersistedState;
import io.raftkv.node.raft.RaftException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Decides, tick by tick, which faults and admin actions hit the cluster during the fault phase:
 * crashes and restarts, partitions of several shapes (isolate a node, isolate the leader, the
 * leader with a minority, a random split, a one-way cut, a bridge), membership changes (add a
 * learner, promote it, remove a member) and leadership transfers. Rates come from the run's
 * {@link FaultProfile}.
 *
 * <p>Single-threaded.
 */
final class FaultSchedule {

    private final SplittableRandom random;
    private final FaultProfile profile;
    private final Cluster cluster;
    /** Voters a membership change must leave at least. */
    private final int minVoters;
    private long crashes;
    private long partitions;
    private long membershipChanges;
    private long transfers;

    FaultSchedule(SplittableRandom random, FaultProfile profile, Cluster cluster, int minVoters) {
        this.random = random;
        this.profile = profile;
        this.cluster = cluster;
        this.minVoters = minVoters;
    }

    long crashes() {
        return crashes;
    }

    long partitions() {
        return partitions;
    }

    long membershipChanges() {
        return membershipChanges;
    }

    long transfers() {
        return transfers;
    }

    /** Applies this tick's faults, before the cluster ticks. */
    void step() {
        SimNode[] nodes = cluster.nodes;
        if (random.nextDouble() < profile.crashRate()) {
            SimNode victim = pick(n -> n.up() && !n.removed);
            if (victim != null) {
                crashes++;
                cluster.crash(victim.slot);
            }
        }
        if (random.nextDouble() < profile.restartRate()) {
            SimNode back = random.nextDouble() < profile.restartOldest() ? longestDown()
                    : pick(n -> !n.up() && !n.removed && n.disk != null);
            if (back != null) {
                cluster.restart(back.slot);
            }
        }
        Links links = cluster.network.links();
        if (links.anyCut()) {
            if (random.nextDouble() < profile.healRate()) {
                links.heal();
                cluster.trace.add(0x4EA1);
                cluster.note("heal");
            }
        } else if (random.nextDouble() < profile.partitionRate()) {
            partitions++;
            partition(links, nodes.length);
            cluster.trace.add(links.shape());
            cluster.note("partition " + links.shape());
        }
        if (profile.churnRate() > 0) {
            churn(links);
        }
        if (random.nextDouble() < profile.membershipRate()) {
            changeMembership();
        }
        if (random.nextDouble() < profile.transferRate()) {
            transfer();
        }
    }

    /** Crashes or cuts off a young leader (see {@link FaultProfile#churnRate()}). */
    private void churn(Links links) {
        SimNode leader = cluster.leader();
        if (leader == null || cluster.now - leader.leaderSince > profile.churnAge()
                || random.nextDouble() >= profile.churnRate()) {
            return;
        }
        if (random.nextBoolean() || links.anyCut()) {
            crashes++;
            cluster.note("churn: crash young leader " + leader.id);
            cluster.crash(leader.slot);
        } else {
            partitions++;
            links.isolate(leader.slot);
            cluster.trace.add(links.shape());
            cluster.note("churn: partition " + links.shape());
        }
    }

    private void partition(Links links, int slots) {
        SimNode leader = cluster.leader();
        int shape = random.nextInt(6);
        switch (shape) {
            case 0 -> links.isolate(random.nextInt(slots));
            case 1 -> links.isolate(leader != null ? leader.slot : random.nextInt(slots));
            case 2 -> links.split(leaderWithMinority(leader, slots));
            case 3 -> links.split(randomSides(slots));
            case 4 -> {
                int from = random.nextInt(slots);
                int to = (from + 1 + random.nextInt(slots - 1)) % slots;
                links.oneWay(from, to);
            }
            default -> links.bridge(randomSides(slots), random.nextInt(slots));
        }
    }

    /** The leader and fewer than half of the other running members on one side. */
    private boolean[] leaderWithMinority(SimNode leader, int slots) {
        boolean[] side = new boolean[slots];
        if (leader == null) {
            return randomSides(slots);
        }
        side[leader.slot] = true;
        List<SimNode> others = new ArrayList<>();
        for (SimNode n : cluster.nodes) {
            if (n != leader && n.disk != null && !n.removed) {
                others.add(n);
            }
        }
        int companions = (others.size() + 1) / 2 - 1;
        for (int i = 0; i < companions && !others.isEmpty(); i++) {
            side[others.remove(random.nextInt(others.size())).slot] = true;
        }
        return side;
    }

    private boolean[] randomSides(int slots) {
        boolean[] side = new boolean[slots];
        for (int i = 0; i < slots; i++) {
            side[i] = random.nextBoolean();
        }
        return side;
    }

    private void changeMembership() {
        SimNode leader = cluster.leader();
        if (leader == null) {
            return;
        }
        Membership m = leader.core.status().membership();
        MembershipChange change;
        int what = random.nextInt(3);
        SimNode spare = pick(n -> n.disk == null);
        if (what == 0 && spare != null && m.learners().isEmpty()) {
            change = new MembershipChange.AddLearner(spare.id);
        } else if (what <= 1 && !m.learners().isEmpty()) {
            change = new MembershipChange.PromoteLearner(m.learners().iterator().next());
        } else if (m.voters().size() > minVoters || !m.learners().isEmpty()) {
            List<String> candidates = new ArrayList<>(m.learners());
            if (m.voters().size() > minVoters) {
                candidates.addAll(m.voters());
            }
            change = new MembershipChange.RemoveMember(candidates.get(random.nextInt(candidates.size())));
        } else {
            return;
        }
        try {
            leader.core.proposeMembershipChange(change);
        } catch (RaftException e) {
            cluster.trace.add(0xBAD);
            return;
        }
        membershipChanges++;
        cluster.trace.add(change.toString());
        cluster.note("propose " + change + " on " + leader.id);
        if (change instanceof MembershipChange.AddLearner add) {
            cluster.create(SimNode.slotOf(add.nodeId()), PersistedState.joining(), false);
        }
        cluster.drain(leader);
    }

    private void transfer() {
        SimNode leader = cluster.leader();
        if (leader == null) {
            return;
        }
        List<String> voters = new ArrayList<>(leader.core.status().membership().voters());
        voters.remove(leader.id);
        if (voters.isEmpty()) {
            return;
        }
        String target = voters.get(random.nextInt(voters.size()));
        try {
            leader.core.transferLeadership(target);
        } catch (RaftException e) {
            cluster.trace.add(0xBAD2);
            return;
        }
        transfers++;
        cluster.trace.add("transfer " + target);
        cluster.note("transfer " + leader.id + " -> " + target);
        cluster.drain(leader);
    }

    /** The crashed node that has been down longest, or null. */
    private SimNode longestDown() {
        SimNode best = null;
        for (SimNode n : cluster.nodes) {
            if (!n.up() && !n.removed && n.disk != null && (best == null || n.downSince < best.downSince)) {
                best = n;
            }
        }
        return best;
    }

    /** A uniformly random node among those matching, or null. */
    private SimNode pick(Predicate<SimNode> filter) {
        int count = 0;
        for (SimNode n : cluster.nodes) {
            if (filter.test(n)) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        int k = random.nextInt(count);
        for (SimNode n : cluster.nodes) {
            if (filter.test(n) && k-- == 0) {
                return n;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
