package io.raftkv.node.raft;

import java.util.Map;

/**
 * A node's state for admin tools.
 *
 * @param id this node
 * @param role its role
 * @param term its current term
 * @param leaderId the leader it follows, or null
 * @param commit its commit index
 * @param applied the index the server acknowledged applying (through advance)
 * @param lastIndex its last log index
 * @param snapshotIndex index of its latest snapshot
 * @param membership the membership in force (the latest in its log)
 * @param peers progress of every other member, only on a leader (empty otherwise), sorted by id
 * @param transferTarget the leadership transfer target, or null
 */
public record Status(String id, Role role, long term, String leaderId, long commit, long applied,
        long lastIndex, long snapshotIndex, Membership membership, Map<String, PeerStatus> peers,
        String transferTarget) {
}
