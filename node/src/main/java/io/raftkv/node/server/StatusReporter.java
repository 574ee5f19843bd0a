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
 * the Raft thread), then applied index and, only when asked, a digest of {@code data} on the
 * apply thread, so the digest describes exactly that applied index. The digest is a full scan
 * that holds up apply (about 130 s at 10 million keys), so a plain status never computes it, and
 * while the applied index moves it is recomputed at most once a second and answered empty in
 * between.
 */
final class StatusReporter {

    private final String nodeId;
    private final JeStorage storage;
    private final MemberDirectory directory;
    private final ApplyWorker worker;
    /** Status answers scan {@code data} at most once a second while writes flow. */
    private static final long DIGEST_INTERVAL_NANOS = 1_000_000_000L;
    /** Apply thread only: the last digest, the applied index it describes, when it was computed. */
    private byte[] digest;
    private long digestIndex = -1;
    private long digestComputedAt;

    StatusReporter(String nodeId, JeStorage storage, MemberDirectory directory, ApplyWorker worker) {
        this.nodeId = nodeId;
        this.storage = storage;
        this.directory = directory;
        this.worker = worker;
    }

    /**
     * Raft thread: snapshots the core's state, then finishes on the apply thread.
     *
     * @param withDigest compute the data digest (a full scan); otherwise it is answered empty
     */
    void report(RaftNode core, Reply reply, boolean withDigest) {
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
            byte[] digest = withDigest ? digestAt(applied) : new byte[0];
            reply.complete(new Response.StatusResult(new ClusterStatus(nodeId, role, st.term(),
                    Math.max(st.commit(), applied), applied, leader, directory.addressText(leader), members, digest)));
        });
    }

    /**
     * Apply thread: the digest at {@code applied}, computed at most once per
     * {@link #DIGEST_INTERVAL_NANOS} (a full scan blocks apply), else empty ("not computed").
     */
    private byte[] digestAt(long applied) {
        if (digestIndex == applied && digest != null) {
            return digest;
        }
        long now = System.nanoTime();
        if (digest != null && now - digestComputedAt < DIGEST_INTERVAL_NANOS) {
            return new byte[0];
        }
        digest = DataDigest.of(storage);
        digestIndex = applied;
        digestComputedAt = now;
        return digest;
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
