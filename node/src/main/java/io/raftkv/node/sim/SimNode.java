package io.raftkv.node.sim;

import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.Role;
import io.raftkv.node.raft.SoftState;

/**
 * One node slot of the simulation: its durable disk, and while it is up, the Raft core and the
 * state machine rebuilt from that disk. Slots that are not started yet (spares for membership
 * changes) have no disk.
 *
 * <p>Not thread-safe.
 */
final class SimNode {

    final int slot;
    final String id;

    /** The node's Raft settings; the same across restarts. */
    RaftConfig config;

    /** Durable state; null until the slot is first started. Survives crashes. */
    SimDisk disk;

    /** The running core; null while crashed, removed or never started. */
    RaftNode core;

    /** The state machine; rebuilt from the disk's snapshot on every start. Null while down. */
    KvStore kv;

    /** Last index applied to {@link #kv}; at least the disk's snapshot index while up. */
    long applied;

    /** Term in which this node was leader at its last Ready, or -1; for leader append-only. */
    long leaderTerm = -1;

    /** Tick at which this node last became leader of a new term. */
    long leaderSince = -1;

    /** Tick of the last crash; meaningful only while down. */
    long downSince;

    /** The fault schedule wants this node crashed at the end of the current tick. */
    boolean crashAtTickEnd;

    /** True once a committed membership no longer holds this node: it is stopped for good. */
    boolean removed;

    SimNode(int slot) {
        this.slot = slot;
        this.id = idOf(slot);
    }

    /** The Raft id of slot {@code slot}: "n1" for slot 0. */
    static String idOf(int slot) {
        return "n" + (slot + 1);
    }

    /** The slot of Raft id {@code id}, or -1 if it is not a simulator id. */
    static int slotOf(String id) {
        if (id == null || id.length() < 2 || id.charAt(0) != 'n') {
            return -1;
        }
        try {
            return Integer.parseInt(id, 1, id.length(), 10) - 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the core is running. */
    boolean up() {
        return core != null;
    }

    /** Whether the node is up and believes itself leader. */
    boolean isLeader() {
        return core != null && core.softState().role() == Role.LEADER;
    }

    /** The core's soft state; only while up. */
    SoftState soft() {
        return core.softState();
    }
}
