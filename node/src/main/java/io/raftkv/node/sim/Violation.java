package io.raftkv.node.sim;

/**
 * A broken invariant found by the simulator: enough to replay it ({@code SimMain --seeds 1 --seed
 * SEED} with the same options) and to know where to look.
 *
 * @param seed    the seed of the run
 * @param step    the simulation step (tick) at which the check failed
 * @param kind    which rule broke
 * @param message what was observed, with node slots, terms and indexes
 */
public record Violation(long seed, long step, Kind kind, String message) {

    /** The rules the simulator checks; the Raft paper section is named where one applies. */
    public enum Kind {
        /** §5.2: at most one leader per term. */
        ELECTION_SAFETY,
        /** §5.3: same index and term means same entry and same prefix. */
        LOG_MATCHING,
        /** §5.4: an entry committed in a term is in the log of every leader of a later term. */
        LEADER_COMPLETENESS,
        /** §5.4.3: applied sequences agree; equal index means equal entry and equal state. */
        STATE_MACHINE_SAFETY,
        /** §5.3: a leader never overwrites or deletes entries in its own log. */
        LEADER_APPEND_ONLY,
        /** §5.4.2: the commit index never passes what a majority of voters persisted. */
        COMMIT_DURABILITY,
        /** Persisted term, vote-in-term and commit never go backwards, also across restarts. */
        HARD_STATE_REGRESSION,
        /** Client histories must be linearizable per key. */
        LINEARIZABILITY,
        /** After healing everything, a leader must emerge and all members converge in time. */
        LIVENESS,
        /** A leader was deposed by a node that had been partitioned away (what pre-vote prevents). */
        DISRUPTION,
        /** The core threw or broke its own documented contract while being driven correctly. */
        CORE_ERROR
    }

    @Override
    public String toString() {
        return "seed=" + seed + " step=" + step + " " + kind + ": " + message;
    }
}
