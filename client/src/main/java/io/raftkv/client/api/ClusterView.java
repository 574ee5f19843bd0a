package io.raftkv.client.api;

import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.MemberInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the client believes about the cluster: the node addresses it knows (seeds first, then
 * those learned from status answers and redirects), which node ids live where, and which node
 * it believes leads. Beliefs only: any of them may be stale, and the retry loop corrects them
 * from answers (§5.1: a node that is not the leader redirects to the one it knows).
 *
 * <p>Thread-safe: every method is synchronized and short.
 */
final class ClusterView {

    /** Every address known, in the order learned; never empty (the seeds stay). */
    private final Set<NodeAddress> known = new LinkedHashSet<>();
    /** Node id to address, from status answers and redirects. */
    private final Map<String, NodeAddress> byId = new HashMap<>();
    /** The believed leader, or null when unknown. */
    private NodeAddress leader;
    /** Round-robin position into {@link #known} for picking a node when no leader is known. */
    private int next;

    ClusterView(List<NodeAddress> seeds) {
        known.addAll(seeds);
    }

    /** The believed leader, or null. */
    synchronized NodeAddress leader() {
        return leader;
    }

    /** The next known node in turn, to ask when no leader is known. */
    synchronized NodeAddress nextNode() {
        List<NodeAddress> all = new ArrayList<>(known);
        NodeAddress pick = all.get(Math.floorMod(next, all.size()));
        next++;
        return pick;
    }

    /** Every known address, in the order learned. */
    synchronized List<NodeAddress> knownNodes() {
        return List.copyOf(known);
    }

    /** Learns members and the leader from a status answer given by the node at {@code from}. */
    synchronized void learn(NodeAddress from, ClusterStatus status) {
        byId.put(status.nodeId(), from);
        for (MemberInfo member : status.members()) {
            NodeAddress address = parseOrNull(member.address());
            if (address != null) {
                known.add(address);
                byId.put(member.nodeId(), address);
            }
        }
        if (status.isLeader()) {
            leader = from;
        } else {
            leader = resolve(status.leaderId(), status.leaderAddress());
        }
    }

    /**
     * A node at {@code from} said it is not the leader and named one (or not).
     *
     * @return the new believed leader, or null if none is known
     */
    synchronized NodeAddress redirected(NodeAddress from, String leaderId, String leaderAddress) {
        NodeAddress hint = resolve(leaderId, leaderAddress);
        leader = hint != null && !hint.equals(from) ? hint : null;
        return leader;
    }

    /** The node at {@code address} failed or did not answer: stop believing it leads. */
    synchronized void suspect(NodeAddress address) {
        if (address.equals(leader)) {
            leader = null;
        }
    }

    private NodeAddress resolve(String leaderId, String leaderAddress) {
        NodeAddress address = parseOrNull(leaderAddress);
        if (address != null) {
            known.add(address);
            if (!leaderId.isEmpty()) {
                byId.put(leaderId, address);
            }
            return address;
        }
        return leaderId.isEmpty() ? null : byId.get(leaderId);
    }

    private static NodeAddress parseOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return NodeAddress.parse(text);
        } catch (IllegalArgumentException e) {
            // A node sent an address we cannot use; the seeds and other members still work.
            return null;
        }
    }
}
