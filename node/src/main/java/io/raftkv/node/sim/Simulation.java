package io.raftkv.node.sim;

import io.raftkv.node.check.Budget;
import io.raftkv.node.check.CheckResult;
import io.raftkv.node.check.Linearizability;
import io.raftkv.node.check.Verdict;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.PersistedState;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.raft.ReadMode;
import java.io.PrintStream;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One deterministic simulation run: a 3- or 5-node cluster of real Raft cores in one thread, on a
 * virtual clock, under a seeded fault schedule and client workload. Phases:
 * <ol>
 *   <li>fault phase ({@link SimConfig#steps()} ticks): crashes, restarts, partitions, message
 *       loss/duplication/delay, membership changes, transfers, clients;</li>
 *   <li>heal phase: links healed, message faults off, every crashed member restarted; a leader
 *       must emerge and all members converge within {@link SimConfig#healTicks()} (liveness);</li>
 *   <li>disruption probe: a follower is isolated for {@link SimConfig#probeTicks()} ticks and let
 *       back; the leader must keep its term (what pre-vote and check-quorum promise);</li>
 *   <li>the client history is checked for linearizability, key by key.</li>
 * </ol>
 * Safety invariants are checked on every Ready throughout ({@link SafetyChecker}). All randomness
 * comes from one {@link SplittableRandom} seeded with the seed, so a run replays exactly.
 *
 * <p>Thread: a run is confined to the calling thread; separate runs may go in parallel.
 */
public final class Simulation {

    /** Steps budget per key for the history check: deterministic, and ample for unique values. */
    private static final Budget HISTORY_BUDGET = Budget.steps(5_000_000);

    private final long seed;
    private final SimConfig config;
    private final SplittableRandom random;
    private final SafetyChecker checker;
    private final TraceHash trace = new TraceHash();
    private final Cluster cluster;
    private final FaultProfile profile;
    private final FaultSchedule faults;
    private final Workload workload;
    /** Whether the disruption probe applies: only pre-vote with check-quorum promises no disruption. */
    private final boolean probeApplies;

    private Simulation(long seed, SimConfig config) {
        this.seed = seed;
        this.config = config;
        this.random = new SplittableRandom(seed);
        this.checker = new SafetyChecker(seed);
        this.profile = FaultProfile.draw(random);
        RaftConfig base = raftConfig(random, config);
        this.probeApplies = base.preVote() && base.checkQuorum();
        int slots = config.nodes() + 3;
        this.cluster = new Cluster(random, id -> withId(base, id), slots, checker, trace);
        this.workload = new Workload(random, cluster.nodes, trace, config.nodes(), 4,
                4 * SimConfig.ELECTION_TICKS, config.breakSwitch() == BreakSwitch.STALE_READS);
        cluster.workload = workload;
        this.faults = new FaultSchedule(random, profile, cluster, 3);
    }

    /**
     * Runs one simulation.
     *
     * @param seed   any value; the same seed and config give the same run and trace hash
     * @param config the run's fixed settings
     * @return what happened; never throws for a core bug (that is reported as a violation)
     */
    public static SimResult run(long seed, SimConfig config) {
        return run(seed, config, null);
    }

    /**
     * Runs one simulation, printing every event to {@code log} if it is not null (for replaying a
     * failing seed by hand; printing does not change the run).
     */
    public static SimResult run(long seed, SimConfig config, PrintStream log) {
        Simulation sim = new Simulation(seed, config);
        sim.cluster.log = log;
        return sim.execute();
    }

    private SimResult execute() {
        try {
            start();
            faultPhase();
            if (checker.first() == null) {
                healPhase();
            }
            if (checker.first() == null && config.probeTicks() > 0 && probeApplies) {
                probe();
            }
            workload.giveUpAll();
            if (checker.first() == null && config.checkHistory()) {
                checkHistory();
            }
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            StackTraceElement[] st = e.getStackTrace();
            checker.fail(Violation.Kind.CORE_ERROR, e + (st.length > 0 ? " at " + st[0] : ""));
        }
        return new SimResult(seed, checker.first(), trace.value(), cluster.now, cluster.delivered(),
                cluster.leaderElections(), checker.committedIndex(), workload.completed(),
                workload.unknown(), faults.crashes(), faults.partitions(), faults.membershipChanges(),
                faults.transfers());
    }

    private void start() {
        Set<String> voters = new TreeSet<>();
        for (int s = 0; s < config.nodes(); s++) {
            voters.add(SimNode.idOf(s));
        }
        Membership initial = new Membership(voters, Set.of());
        for (int s = 0; s < config.nodes(); s++) {
            cluster.create(s, PersistedState.bootstrap(initial), true);
        }
        cluster.network.setFaults(true, profile.dropRate(), profile.duplicateRate(), profile.maxDelay());
        cluster.setYoungLeaderDrop(profile.youngDropRate(), profile.youngAge());
        cluster.setCommitCrash(profile.commitCrashRate());
        // the Figure 8 mode also crashes leaders between their early sends and their persist
        cluster.setEarlyCrash(profile.commitCrashRate() / 10);
    }

    private void faultPhase() {
        for (int i = 0; i < config.steps() && checker.first() == null; i++) {
            checker.setStep(cluster.now);
            faults.step();
            workload.issue(cluster.now, profile.clientRate());
            cluster.tick();
        }
    }

    private void healPhase() {
        cluster.network.links().heal();
        cluster.network.setFaults(false, 0, 0, 1);
        cluster.setYoungLeaderDrop(0, 0);
        cluster.setCommitCrash(0);
        cluster.setEarlyCrash(0);
        for (SimNode n : cluster.nodes) {
            if (!n.up() && !n.removed && n.disk != null) {
                cluster.restart(n.slot);
            }
        }
        trace.add(0x4EA1ED);
        cluster.note("heal phase");
        long deadline = cluster.now + config.healTicks();
        while (cluster.now < deadline && checker.first() == null) {
            cluster.tick();
            if (cluster.converged()) {
                return;
            }
        }
        if (checker.first() == null) {
            checker.fail(Violation.Kind.LIVENESS, "no converged leader " + config.healTicks()
                    + " ticks after healing everything: " + cluster.describe());
        }
    }

    /**
     * Isolates one follower of a converged cluster, lets it back, and checks that the leader kept
     * its term: with pre-vote and check-quorum (thesis §9.6) a node that was cut off must not depose
     * a healthy leader when it returns.
     */
    private void probe() {
        // Settle: the same leader and term for three election timeouts, so no transfer or
        // election started before the heal is still under way.
        SimNode leader = cluster.leader();
        int stable = 0;
        long settleDeadline = cluster.now + config.healTicks();
        while (stable < 3 * SimConfig.ELECTION_TICKS && checker.first() == null) {
            if (cluster.now >= settleDeadline) {
                checker.fail(Violation.Kind.LIVENESS, "leadership did not settle within "
                        + config.healTicks() + " ticks of a healed, converged cluster: " + cluster.describe());
                return;
            }
            cluster.tick();
            SimNode now = cluster.leader();
            stable = now != null && now == leader && cluster.converged() ? stable + 1 : 0;
            leader = now;
        }
        if (checker.first() != null) {
            return;
        }
        long term = leader.soft().term();
        SimNode follower = null;
        for (String id : leader.core.status().membership().voters()) {
            SimNode n = cluster.nodes[SimNode.slotOf(id)];
            if (n != leader && n.up() && (follower == null || random.nextBoolean())) {
                follower = n;
            }
        }
        if (follower == null) {
            return;
        }
        cluster.network.links().isolate(follower.slot);
        cluster.note("probe: isolate " + follower.id + " under leader " + leader.id + " term " + term);
        trace.add(0x9806E + follower.slot);
        for (int i = 0; i < config.probeTicks() && checker.first() == null; i++) {
            cluster.tick();
        }
        cluster.network.links().heal();
        cluster.note("probe: heal");
        for (int i = 0; i < config.probeTicks() && checker.first() == null; i++) {
            cluster.tick();
        }
        if (checker.first() == null && (!leader.isLeader() || leader.soft().term() != term)) {
            checker.fail(Violation.Kind.DISRUPTION, "leader " + leader.id + " of term " + term
                    + " lost leadership after follower " + follower.id + " was isolated for "
                    + config.probeTicks() + " ticks and rejoined: " + cluster.describe());
        }
    }

    private void checkHistory() {
        CheckResult r = Linearizability.check(workload.history(), HISTORY_BUDGET);
        trace.add(r.verdict().ordinal());
        if (r.verdict() == Verdict.NOT_LINEARIZABLE) {
            checker.fail(Violation.Kind.LINEARIZABILITY, r.explanation());
        }
    }

    /** {@code c} for node {@code id} (RaftConfig has no withId). */
    private static RaftConfig withId(RaftConfig c, String id) {
        return new RaftConfig(id, c.electionTicks(), c.heartbeatTicks(), c.preVote(), c.checkQuorum(),
                c.readMode(), c.maxEntriesPerMessage(), c.maxBytesPerMessage(), c.maxInflightMessages(),
                c.maxInflightBytes(), c.maxUncommittedBytes(), c.maxProposalBytes(),
                c.snapshotThresholdEntries(), c.snapshotTrailingEntries(), c.snapshotThresholdBytes(),
                c.snapshotTrailingBytes(), c.faults());
    }

    /**
     * The Raft settings of this run: fixed timing; seed-drawn flow control and snapshots; pre-vote
     * off on 15% of seeds, check-quorum off on 15%, lease reads on 25% of those with check-quorum
     * (all nodes tick in lockstep, the bounded-drift assumption leases need). An unsafe switch
     * keeps pre-vote and check-quorum on, so the probe can show what a broken pre-vote does.
     */
    private static RaftConfig raftConfig(SplittableRandom random, SimConfig config) {
        int entriesPerMessage = 1 + random.nextInt(8);
        int inflight = 1 + random.nextInt(8);
        long threshold = 8 + random.nextInt(40);
        long trailing = random.nextInt(6);
        boolean broken = config.breakSwitch().faults().any();
        // Always draw all three, so a seed's fault schedule is the same with and without --break.
        boolean preVote = random.nextDouble() >= 0.15 || broken;
        boolean checkQuorum = random.nextDouble() >= 0.15 || broken;
        boolean lease = random.nextDouble() < 0.25 && checkQuorum && !broken;
        return RaftConfig.defaults("template")
                .withPreVote(preVote)
                .withCheckQuorum(checkQuorum)
                .withReadMode(lease ? ReadMode.LEASE : ReadMode.SAFE)
                .withTicks(SimConfig.ELECTION_TICKS, SimConfig.HEARTBEAT_TICKS)
                .withFlowControl(entriesPerMessage, 1 << 20, inflight, 8L << 20, 64L << 20)
                .withSnapshots(threshold, trailing)
                .withFaults(config.breakSwitch().faults());
    }
}
