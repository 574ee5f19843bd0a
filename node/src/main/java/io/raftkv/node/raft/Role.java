package io.raftkv.node.raft;

/** A node's role (§5.1, plus the pre-candidate of pre-vote, thesis §9.6). */
public enum Role {
    FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER
}
