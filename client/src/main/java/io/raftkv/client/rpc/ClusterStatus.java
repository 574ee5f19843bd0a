package io.raftkv.client.rpc;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One node's view of the cluster, answered to a status request. A snapshot: it may be stale by
 * the time it arrives.
 *
 * @param nodeId        the answering node
 * @param role          its Raft role
 * @param term          its current term (§5.1), at least 0
 * @param commitIndex   highest log index it knows committed (§5.3), at least 0
 * @param appliedIndex  highest index applied to its state machine, 0..commitIndex
 * @param leaderId      the leader it knows for this term; empty if none
 * @param leaderAddress that leader's "host:port"; empty if unknown
 * @param members       the configuration it holds, voters and learners, in id order; unmodifiable copy
 * @param dataDigest    a digest of the {@code data} database at {@code appliedIndex}, so replicas
 *                      can be compared; 0..{@value #MAX_DIGEST_BYTES} bytes, empty if not computed; not copied
 */
public record ClusterStatus(String nodeId, NodeRole role, long term, long commitIndex, long appliedIndex,
        String leaderId, String leaderAddress, List<MemberInfo> members, byte[] dataDigest) {

    /** Longest digest carried. */
    public static final int MAX_DIGEST_BYTES = 64;

    public ClusterStatus {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(leaderId, "leaderId (empty if unknown)");
        Objects.requireNonNull(leaderAddress, "leaderAddress (empty if unknown)");
        members = List.copyOf(members);
        Objects.requireNonNull(dataDigest, "dataDigest (empty if not computed)");
        if (term < 0 || commitIndex < 0 || appliedIndex < 0 || appliedIndex > commitIndex) {
            throw new IllegalArgumentException("need 0 <= term, 0 <= appliedIndex <= commitIndex; were term="
                    + term + ", commitIndex=" + commitIndex + ", appliedIndex=" + appliedIndex);
        }
        if (dataDigest.length > MAX_DIGEST_BYTES) {
            throw new IllegalArgumentException("dataDigest is " + dataDigest.length + " bytes, at most "
                    + MAX_DIGEST_BYTES);
        }
    }

    /** True if this node believes it is the leader. */
    public boolean isLeader() {
        return role == NodeRole.LEADER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterStatus s && nodeId.equals(s.nodeId) && role == s.role && term == s.term
                && commitIndex == s.commitIndex && appliedIndex == s.appliedIndex && leaderId.equals(s.leaderId)
                && leaderAddress.equals(s.leaderAddress) && members.equals(s.members)
                && Arrays.equals(dataDigest, s.dataDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, role, term, commitIndex, appliedIndex, leaderId, leaderAddress, members,
                Arrays.hashCode(dataDigest));
    }

    @Override
    public String toString() {
        return "ClusterStatus[node=" + nodeId + ", " + role + ", term=" + term + ", commit=" + commitIndex
                + ", applied=" + appliedIndex + ", leader=" + leaderId + "@" + leaderAddress + ", members="
                + members + ", digest=" + dataDigest.length + " bytes]";
    }
}
