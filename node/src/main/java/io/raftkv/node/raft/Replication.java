package io.raftkv.node.raft;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leader's side (§5.3, §5.4): proposals, log replication with per-follower progress and flow
 * control, commitment, heartbeats, check-quorum, ReadIndex and lease reads, leadership transfer.
 * Operates on its {@link RaftNode}'s state.
 */
final class Replication {

    private final RaftNode node;

    Replication(RaftNode node) {
        this.node = node;
    }

    // ---- becoming and ceasing to be leader -----------------------------------------------

    void becomeLeader() {
        node.role = Role.LEADER;
        node.leaderId = node.id;
        node.resetTimers();
        node.progress.clear();
        node.transferTarget = null;
        node.timeoutNowSent = false;
        node.leaseUntil = 0;
        node.uncommittedBytes = 0;
        node.follower.failForwardedReads();
        for (String peer : node.membership.all()) {
            addProgress(peer);
        }
        // §8: a NOOP of the new term lets the leader commit earlier terms' entries and learn
        // its commit index before serving reads.
        node.leaderStartIndex = node.appendOwn(EntryType.NOOP, new byte[0]);
        broadcastAppend();
    }

    private void addProgress(String peer) {
        if (!peer.equals(node.id) && !node.progress.containsKey(peer)) {
            Progress p = new Progress(node.log.lastIndex() + 1, node.config.maxInflightMessages(),
                    node.config.maxInflightBytes());
            p.recentActive = true;
            node.progress.put(peer, p);
        }
    }

    /** Called while stepping down: fail what can no longer be confirmed. */
    void abandonLeadership() {
        for (ReadIndexQueue.PendingRead r : node.reads.drainAll()) {
            fail(r);
        }
        long first = Math.max(node.log.commit() + 1, node.leaderStartIndex + 1);
        if (first <= node.log.lastIndex()) {
            node.unknownOutcomes.add(new UnknownOutcome(node.term, first, node.log.lastIndex()));
        }
        node.progress.clear();
        node.transferTarget = null;
        node.leaseUntil = 0;
    }

    void membershipChanged() {
        for (String peer : node.membership.all()) {
            addProgress(peer);
        }
        node.progress.keySet().removeIf(p -> !node.membership.contains(p));
        if (node.transferTarget != null && !node.membership.voters().contains(node.transferTarget)) {
            node.transferTarget = null; // the target was removed or demoted mid-transfer
        }
        maybeCommit(); // a smaller quorum may commit at once (etcd TestCommitAfterRemoveNode)
    }

    // ---- proposals -------------------------------------------------------------------------

    long propose(EntryType type, byte[] payload) {
        node.requireLeader();
        if (node.transferTarget != null) {
            throw new LeadershipTransferInProgressException(node.transferTarget);
        }
        if (payload.length > node.config.maxProposalBytes()) {
            throw new ProposalTooLargeException(payload.length, node.config.maxProposalBytes());
        }
        long size = payload.length + 17L;
        if (node.uncommittedBytes > 0
                && node.uncommittedBytes + size > node.config.maxUncommittedBytes()) {
            throw new UncommittedLimitExceededException(node.uncommittedBytes, size,
                    node.config.maxUncommittedBytes());
        }
        long index = node.appendOwn(type, payload);
        node.uncommittedBytes += size;
        broadcastAppend();
        maybeCommit(); // a one-voter cluster needs no follower
        return index;
    }

    /**
     * Thesis §4.2.1: a learner becomes a voter only once it holds nearly the whole log, so the
     * promotion does not stall commits while it catches up. "Nearly" is one full pipeline.
     */
    void requireCaughtUp(String learner) {
        Progress p = node.progress.get(learner);
        long gap = (long) node.config.maxEntriesPerMessage() * node.config.maxInflightMessages();
        long behind = node.log.lastIndex() - (p == null ? 0 : p.match);
        if (behind > gap) {
            throw new MembershipChangeRejectedException(learner + " is " + behind
                    + " entries behind the leader (at most " + gap + " allowed); promote it once"
                    + " it has caught up (see status().peers())");
        }
    }

    // ---- sending ---------------------------------------------------------------------------

    void broadcastAppend() {
        for (String peer : node.progress.keySet()) {
            sendAppend(peer, true);
        }
    }

    /**
     * Sends entries (or an empty probe if {@code sendIfEmpty}) to {@code peer} unless its
     * progress is paused; falls back to a snapshot if the next entry is compacted (§7).
     * Returns whether a message was sent.
     */
    boolean sendAppend(String peer, boolean sendIfEmpty) {
        Progress p = node.progress.get(peer);
        if (p == null || p.paused()) {
            return false;
        }
        RaftLog log = node.log;
        long prevIndex = p.next - 1;
        long prevTerm = log.term(prevIndex);
        if (prevTerm < 0) {
            sendSnapshot(peer, p);
            return true;
        }
        List<LogEntry> entries = p.next <= log.lastIndex()
                ? log.slice(p.next, log.lastIndex(), node.config.maxEntriesPerMessage(),
                        node.config.maxBytesPerMessage())
                : List.of();
        if (entries.isEmpty() && !sendIfEmpty) {
            return false;
        }
        node.send(new AppendEntries(node.id, peer, node.term, prevIndex, prevTerm, entries,
                log.commit()));
        if (p.state == ProgressState.REPLICATE && !entries.isEmpty()) {
            long last = entries.get(entries.size() - 1).index();
            long bytes = 0;
            for (LogEntry e : entries) {
                bytes += e.sizeInBytes();
            }
            p.next = last + 1; // optimistic pipelining
            p.inflights.add(last, bytes);
        } else if (p.state == ProgressState.PROBE) {
            p.probeSent = true;
        }
        return true;
    }

    private void sendSnapshot(String peer, Progress p) {
        Snapshot s = node.log.snapshot();
        p.becomeSnapshot(s.meta().index(), node.now);
        node.send(new InstallSnapshot(node.id, peer, node.term, s));
    }

    /** Heartbeats to every member, as a new read round (thesis §6.4). */
    void broadcastHeartbeat() {
        long round = node.reads.newRound(node.now, node.id);
        node.reads.pruneEmpty(node.now - 2L * node.config.electionTicks());
        for (Map.Entry<String, Progress> e : node.progress.entrySet()) {
            // Never tell a follower a commit index past what it is known to hold.
            long commit = Math.min(e.getValue().match, node.log.commit());
            node.send(new Heartbeat(node.id, e.getKey(), node.term, commit, round));
        }
        confirmIfAlone(round);
    }

    private void confirmIfAlone(long round) {
        ReadIndexQueue.Confirmed c = node.reads.ack(round, node.id, node.membership.voters());
        if (c != null) {
            confirmed(c);
        }
    }

    // ---- time ------------------------------------------------------------------------------

    void tickLeader() {
        node.heartbeatElapsed++;
        node.electionElapsed++;
        if (node.electionElapsed >= node.config.electionTicks()) {
            node.electionElapsed = 0;
            if (node.config.checkQuorum() && !quorumActive()) {
                // thesis §6.2: a leader that cannot reach a majority steps down, failing reads
                // and making proposals' outcome unknown.
                node.becomeFollower(node.term, null);
                return;
            }
            for (Progress p : node.progress.values()) {
                p.recentActive = false;
            }
        }
        for (Progress p : node.progress.values()) {
            if (p.state == ProgressState.SNAPSHOT
                    && node.now - p.snapshotSentAt >= node.config.electionTicks()) {
                // The snapshot or its answer was lost: probe again (resends if needed).
                p.becomeProbe();
                p.next = p.match + 1;
            }
        }
        if (node.transferTarget != null && ++node.transferElapsed >= node.config.electionTicks()) {
            node.transferTarget = null; // thesis §3.10: abort after an election timeout
        }
        if (node.heartbeatElapsed >= node.config.heartbeatTicks()) {
            node.heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    private boolean quorumActive() {
        Set<String> active = new HashSet<>();
        active.add(node.id);
        for (Map.Entry<String, Progress> e : node.progress.entrySet()) {
            if (e.getValue().recentActive) {
                active.add(e.getKey());
            }
        }
        return Quorum.hasMajority(node.membership.voters(), active);
    }

    // ---- responses ---------------------------------------------------------------------------

    void handleAppendEntriesResponse(AppendEntriesResponse r) {
        Progress p = node.progress.get(r.from());
        if (node.role != Role.LEADER || p == null) {
            return;
        }
        p.recentActive = true;
        if (!r.success()) {
            long hintNext = r.conflictTerm() > 0
                    ? node.log.findConflictByTerm(r.conflictIndex(), r.conflictTerm()) + 1
                    : r.conflictIndex() + 1;
            if (p.maybeDecreaseTo(r.index(), hintNext)) {
                if (p.state == ProgressState.REPLICATE) {
                    p.becomeProbe();
                    p.next = Math.max(p.match + 1, Math.min(r.index(), hintNext));
                }
                sendAppend(r.from(), true);
            }
            return;
        }
        boolean probeConfirmed = p.state == ProgressState.PROBE && p.match == r.index();
        if (!p.maybeUpdate(r.index()) && !probeConfirmed) {
            return; // a duplicate or an answer to an older message
        }
        switch (p.state) {
            case PROBE -> p.becomeReplicate();
            case SNAPSHOT -> {
                if (p.match >= p.pendingSnapshot) {
                    // The snapshot's ack came as an AppendEntries response (etcd
                    // snapshot_succeed_via_app_resp): resume normal replication.
                    p.becomeProbe();
                    p.becomeReplicate();
                }
            }
            case REPLICATE -> p.inflights.freeLE(r.index());
        }
        if (maybeCommit()) {
            broadcastAppend();
        }
        while (sendAppend(r.from(), false)) {
            // fill the pipeline up to the in-flight limits
        }
        if (r.from().equals(node.transferTarget) && p.match == node.log.lastIndex()) {
            sendTimeoutNow(r.from());
        }
    }

    void handleHeartbeatResponse(HeartbeatResponse r) {
        Progress p = node.progress.get(r.from());
        if (node.role != Role.LEADER || p == null) {
            return;
        }
        p.recentActive = true;
        p.probeSent = false;
        if (p.state == ProgressState.REPLICATE && p.inflights.full()) {
            p.inflights.freeFirstOne();
        }
        if (p.match < node.log.lastIndex()) {
            sendAppend(r.from(), true);
        }
        if (r.context() > 0) {
            ReadIndexQueue.Confirmed c = node.reads.ack(r.context(), r.from(),
                    node.membership.voters());
            if (c != null) {
                confirmed(c);
            }
        }
    }

    void handleInstallSnapshotResponse(InstallSnapshotResponse r) {
        Progress p = node.progress.get(r.from());
        if (node.role != Role.LEADER || p == null) {
            return;
        }
        p.recentActive = true;
        if (r.accepted()) {
            p.maybeUpdate(r.index());
        }
        if (p.state == ProgressState.SNAPSHOT) {
            p.becomeProbe();
            if (!r.accepted()) {
                p.next = p.match + 1;
            }
        }
        sendAppend(r.from(), true);
    }

    void reportSnapshot(String peer, boolean ok) {
        Progress p = node.progress.get(peer);
        if (node.role != Role.LEADER || p == null || p.state != ProgressState.SNAPSHOT) {
            return;
        }
        p.becomeProbe();
        if (!ok) {
            p.next = p.match + 1;
        }
        // Wait for the next heartbeat response before probing (etcd ReportSnapshot).
        p.probeSent = true;
    }

    // ---- commitment (§5.3, §5.4.2) ------------------------------------------------------------

    /** Advances commit to what a majority of voters stored; returns whether it moved. */
    boolean maybeCommit() {
        if (node.role != Role.LEADER) {
            return false;
        }
        Map<String, Long> match = new HashMap<>();
        for (Map.Entry<String, Progress> e : node.progress.entrySet()) {
            match.put(e.getKey(), e.getValue().match);
        }
        match.put(node.id, node.log.stable()); // the leader counts only what it persisted
        long candidate = Quorum.committedIndex(node.membership.voters(), match);
        long oldCommit = node.log.commit();
        if (candidate <= oldCommit) {
            return false;
        }
        // §5.4.2: only entries of the leader's own term are committed by counting replicas.
        if (node.log.term(candidate) != node.term
                && !node.config.faults().commitEarlierTermsByCounting()) {
            return false;
        }
        node.log.commitTo(candidate);
        node.uncommittedBytes = Math.max(0,
                node.uncommittedBytes - node.log.bytesBetween(oldCommit, candidate));
        if (oldCommit < node.leaderStartIndex && candidate >= node.leaderStartIndex) {
            for (ReadIndexQueue.PendingRead r : node.reads.releaseHeld()) {
                read(new ReadIndexQueue.PendingRead(r.from(), r.requestId(), node.log.commit()));
            }
        }
        if (!node.isVoter() && node.log.lastConfigIndex() <= candidate) {
            // thesis §4.2.2: a leader removed from the membership steps down once the change
            // commits; it told the others the commit index first.
            broadcastAppend();
            node.becomeFollower(node.term, null);
        }
        return true;
    }

    // ---- reads (thesis §6.4) ----------------------------------------------------------------

    void read(ReadIndexQueue.PendingRead r) {
        if (node.log.commit() < node.leaderStartIndex) {
            // A new leader does not know the commit index until its NOOP commits.
            node.reads.holdUntilTermCommit(r);
            return;
        }
        if (node.config.readMode() == ReadMode.LEASE && node.now < node.leaseUntil
                && node.transferTarget == null && !node.timeoutNowSent) {
            serve(r);
            return;
        }
        if (node.reads.openRound() == 0) {
            broadcastHeartbeat();
        }
        if (node.reads.openRound() != 0) {
            node.reads.addToOpenRound(r);
        } else {
            serve(r); // a one-voter leader confirmed itself at once
        }
    }

    private void confirmed(ReadIndexQueue.Confirmed c) {
        // Followers refuse votes for electionTicks after hearing this round's heartbeat, so no
        // other leader can exist before sentAt + electionTicks; one tick of margin for drift.
        node.leaseUntil = Math.max(node.leaseUntil, c.sentAt() + node.config.electionTicks() - 1);
        for (ReadIndexQueue.PendingRead r : c.reads()) {
            serve(r);
        }
    }

    private void serve(ReadIndexQueue.PendingRead r) {
        if (r.from() == null) {
            node.readStates.add(new ReadState(r.requestId(), r.readIndex()));
        } else {
            node.send(new ReadIndexResponse(node.id, r.from(), node.term, r.requestId(),
                    r.readIndex(), true));
        }
    }

    private void fail(ReadIndexQueue.PendingRead r) {
        if (r.from() == null) {
            node.failedReads.add(r.requestId());
        } else {
            node.send(new ReadIndexResponse(node.id, r.from(), node.term, r.requestId(), 0, false));
        }
    }

    void handleReadIndexRequest(ReadIndexRequest r) {
        ReadIndexQueue.PendingRead read =
                new ReadIndexQueue.PendingRead(r.from(), r.requestId(), node.log.commit());
        if (node.role != Role.LEADER) {
            fail(read);
            return;
        }
        read(read);
    }

    // ---- leadership transfer (thesis §3.10) ---------------------------------------------------

    void startTransfer(String target) {
        if (target.equals(node.id)) {
            return; // already leader
        }
        if (!node.membership.voters().contains(target)) {
            throw new LeadershipTransferRejectedException("cannot transfer leadership to "
                    + target + ": it is not a voter of " + node.membership.voters());
        }
        if (target.equals(node.transferTarget)) {
            return;
        }
        node.transferTarget = target;
        node.transferElapsed = 0;
        Progress p = node.progress.get(target);
        if (p.match == node.log.lastIndex()) {
            sendTimeoutNow(target);
        } else {
            sendAppend(target, true);
        }
    }

    private void sendTimeoutNow(String target) {
        node.timeoutNowSent = true;
        node.send(new TimeoutNow(node.id, target, node.term));
    }
}
