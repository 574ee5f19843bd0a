package io.raftkv.node.server;

import io.raftkv.client.rpc.ClusterStatus;
import io.raftkv.client.rpc.MemberInfo;
import io.raftkv.client.rpc.MemberRole;
import io.raftkv.client.rpc.NodeRole;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.raft.PeerStatus;
import io.raftkv.node.raft.RaftNode;
import io.raftkv.node.raft.Status;
import io.raftkv.node.storage.JeStorage;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the answer to a status request: role, term and commit index from the Raft core (on
 * the Raft thread), then applied index and a digest of {@code data} on the apply thread, so the
 * digest describes exactly that applied index.
 */
final class StatusReporter {

    private final String nodeId;
    private final JeStorage storage;
    private final MemberDirectory directory;
    private final ApplyWorker worker;

    StatusReporter(String nodeId, JeStorage storage, MemberDirectory directory, ApplyWorker worker) {
        this.nodeId = nodeId;
        this.storage = storage;
        this.directory = directory;
        this.worker = worker;
    }

    /** Raft thread: snapshots the core's state, then finishes on the apply thread. */
    void report(RaftNode core, Reply reply) {
        Status st = core.status();
        List<MemberInfo> members = new ArrayList<>();
        for (String id : st.membership().all()) {
            members.add(new MemberInfo(id, directory.addressText(id),
                    st.membership().voters().contains(id) ? MemberRole.VOTER : MemberRole.LEARNER));
        }
        NodeRole role = NodeRole.valueOf(st.role().name());
        String leader = st.leaderId() == null ? "" : st.leaderId();
        worker.execute(() -> {
            long applied = storage.appliedIndex();
            byte[] digest = DataDigest.of(storage);
            reply.complete(new Response.StatusResult(new ClusterStatus(nodeId, role, st.term(),
                    Math.max(st.commit(), applied), applied, leader, directory.addressText(leader), members, digest)));
        });
    }

    /** The voter other than the leader with the highest match index, or null; Raft thread. */
    static String bestTransferTarget(RaftNode core) {
        String best = null;
        long match = -1;
        for (PeerStatus p : core.status().peers().values()) {
            if (p.voter() && p.match() > match) {
                best = p.id();
                match = p.match();
            }
        }
        return best;
    }
}
