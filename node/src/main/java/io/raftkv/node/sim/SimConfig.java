package io.raftkv.node.sim;

/**
 * The settings of one simulation run that are not drawn from its seed. Everything else (fault
 * rates, Raft flow-control and snapshot settings, the fault schedule, the workload) comes from the
 * seed, so {@code (seed, SimConfig)} names a run completely.
 *
 * @param nodes         initial voters, 3 or 5
 * @param steps         ticks of the fault phase, at least 1
 * @param healTicks     ticks the healed cluster gets to elect a leader and converge, at least 1
 * @param probeTicks    ticks a follower is isolated in the final disruption probe (0 = no probe)
 * @param breakSwitch   the core's unsafe switch to turn on, {@link BreakSwitch#NONE} normally
 * @param checkHistory  whether to check client histories for linearizability
 */
public record SimConfig(int nodes, int steps, int healTicks, int probeTicks, BreakSwitch breakSwitch,
        boolean checkHistory) {

    /** Default ticks of the fault phase. */
    public static final int DEFAULT_STEPS = 1_000;

    /** Election timeout in ticks used by every simulated node. */
    static final int ELECTION_TICKS = 10;

    /** Heartbeat interval in ticks used by every simulated node. */
    static final int HEARTBEAT_TICKS = 2;

    public SimConfig {
        if (nodes != 3 && nodes != 5) {
            throw new IllegalArgumentException("nodes must be 3 or 5, was " + nodes);
        }
        if (steps < 1 || healTicks < 1 || probeTicks < 0) {
            throw new IllegalArgumentException("steps and healTicks must be at least 1 and probeTicks"
                    + " at least 0, were " + steps + ", " + healTicks + ", " + probeTicks);
        }
        if (breakSwitch == null) {
            throw new IllegalArgumentException("breakSwitch must not be null; use NONE");
        }
    }

    /** {@code nodes} voters, {@link #DEFAULT_STEPS} steps, 50 election timeouts to heal, a probe. */
    public static SimConfig defaults(int nodes) {
        return new SimConfig(nodes, DEFAULT_STEPS, 50 * ELECTION_TICKS, 6 * ELECTION_TICKS,
                BreakSwitch.NONE, true);
    }

    /** This config with {@code s} fault-phase ticks (validated by the constructor). */
    public SimConfig withSteps(int s) {
        return new SimConfig(nodes, s, healTicks, probeTicks, breakSwitch, checkHistory);
    }

    /** This config with the unsafe switch {@code b} turned on ({@link BreakSwitch#NONE} for none). */
    public SimConfig withBreak(BreakSwitch b) {
        return new SimConfig(nodes, steps, healTicks, probeTicks, b, checkHistory);
    }
}
