package io.raftkv.chaos.nemesis;

/** The faults a schedule can ask for; the nemesis picks the nodes when the fault starts. */
public enum FaultKind {
    /** Cut every link between a random minority and the majority, both ways. */
    PARTITION_HALVES,
    /** Two sides that cannot talk, and one node that talks to both (Jepsen's bridge). */
    PARTITION_BRIDGE,
    /** The leader's outbound links are cut: it hears everyone, nobody hears it. */
    ONE_WAY_LEADER,
    /** Cut every link to and from the leader. */
    ISOLATE_LEADER,
    /** Every link delays its bytes (100 ms plus up to 100 ms). */
    DELAY,
    /** Every link loses a chunk now and then (10 %), which breaks its connection. */
    DROP,
    /** SIGKILL a random node; restart it when the fault ends. */
    KILL,
    /** SIGKILL the leader; restart it when the fault ends. */
    KILL_LEADER,
    /** SIGKILL every node at once (a power loss); restart them all when the fault ends. */
    KILL_ALL,
    /** SIGSTOP a random node; SIGCONT when the fault ends. */
    PAUSE,
    /** SIGSTOP the leader; SIGCONT when the fault ends. */
    PAUSE_LEADER,
    /** Start a fresh node, add it as a learner and promote it; remove it when the fault ends. */
    MEMBERSHIP
}
