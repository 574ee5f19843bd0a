package io.raftkv.chaos.nemesis;

import io.raftkv.chaos.net.LinkFault;
import java.util.List;
import java.util.Set;

/** One concrete fault, its nodes chosen: what the nemesis injects and later heals. */
public sealed interface Fault permits Fault.Partition, Fault.Degrade, Fault.Crash, Fault.Pause, Fault.Grow {

    /** The kind of fault this was planned from. */
    FaultKind kind();

    /** One line for the report, naming the nodes involved. */
    String describe();

    /**
     * A set of cut links.
     *
     * @param kind  the plan it came from
     * @param label how it was made, e.g. "minority [n2] | majority [n1, n3]"
     * @param cut   the links that carry nothing while it lasts
     */
    record Partition(FaultKind kind, String label, Set<Link> cut) implements Fault {
        public Partition {
            cut = Set.copyOf(cut);
        }

        @Override
        public String describe() {
            return label + " (" + cut.size() + " links cut)";
        }
    }

    /**
     * Every peer link degraded the same way.
     *
     * @param kind  DELAY or DROP
     * @param fault what each link does
     */
    record Degrade(FaultKind kind, LinkFault fault) implements Fault {
        @Override
        public String describe() {
            return fault.dropChance() > 0 ? "drop " + Math.round(fault.dropChance() * 100) + " % of chunks on every link"
                    : "delay " + fault.delayMillis() + "+" + fault.jitterMillis() + " ms on every link";
        }
    }

    /**
     * SIGKILLed nodes, restarted from their data directories at the end.
     *
     * @param kind  KILL, KILL_LEADER or KILL_ALL
     * @param nodes the victims
     */
    record Crash(FaultKind kind, List<String> nodes) implements Fault {
        public Crash {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String describe() {
            return "SIGKILL " + nodes + (kind == FaultKind.KILL_LEADER ? " (leader)" : "") + ", restart at the end";
        }
    }

    /**
     * A SIGSTOPped node, SIGCONTed at the end.
     *
     * @param kind PAUSE or PAUSE_LEADER
     * @param node the victim
     */
    record Pause(FaultKind kind, String node) implements Fault {
        @Override
        public String describe() {
            return "SIGSTOP " + node + (kind == FaultKind.PAUSE_LEADER ? " (leader)" : "") + ", SIGCONT at the end";
        }
    }

    /** A fresh member added (learner, then voter) and removed at the end. */
    record Grow(FaultKind kind) implements Fault {
        @Override
        public String describe() {
            return "add a fresh node as learner, promote it, remove it at the end";
        }
    }
}
