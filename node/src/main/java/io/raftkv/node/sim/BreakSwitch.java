package io.raftkv.node.sim;

import io.raftkv.node.raft.TestFaults;

/**
 * Which of the core's safety-breaking test switches a simulation turns on, to show the simulator
 * catches the bug each one introduces ("teeth"), plus one bug the simulator injects on its own
 * side (stale reads). The CLI names are the {@code --break} values.
 */
public enum BreakSwitch {
    /** The correct protocol. */
    NONE("none", TestFaults.NONE),
    /** A leader commits earlier-term entries by counting replicas (breaks §5.4.2, Figure 8). */
    COMMIT_RULE("commit-rule", new TestFaults(true, false, false)),
    /** Voters skip the up-to-date log check (breaks §5.4.1). */
    VOTE_CHECK("vote-check", new TestFaults(false, true, false)),
    /** Pre-votes are granted blindly and bump the pre-candidate's term (breaks thesis §9.6). */
    PRE_VOTE("pre-vote", new TestFaults(false, false, true)),
    /**
     * Not a core switch: the simulated clients read the contacted node's local state at once,
     * skipping ReadIndex (thesis §6.4), to show the linearizability check catches stale reads.
     */
    STALE_READS("stale-reads", TestFaults.NONE);

    private final String cliName;
    private final TestFaults faults;

    BreakSwitch(String cliName, TestFaults faults) {
        this.cliName = cliName;
        this.faults = faults;
    }

    /** The name used on the command line, e.g. "commit-rule". */
    public String cliName() {
        return cliName;
    }

    /** The core switches this turns on. */
    public TestFaults faults() {
        return faults;
    }

    /**
     * Parses a CLI name.
     *
     * @throws IllegalArgumentException naming the accepted values if {@code name} is none of them
     */
    public static BreakSwitch ofCliName(String name) {
        for (BreakSwitch b : values()) {
            if (b.cliName.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown --break value '" + name
                + "'; use one of commit-rule, vote-check, pre-vote, stale-reads");
    }
}
