package io.raftkv.node.raft;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a follower (or a candidate that learns of a leader) does with the leader's messages:
 * the AppendEntries consistency check (§5.3), heartbeats, snapshot installation (§7), TimeoutNow
 * (thesis §3.10) and answers to reads it forwarded. Operates on its {@link RaftNode}'s state.
 */
final class FollowerSteps {

    /** A read forwarded to the leader at tick {@code sentAt}. */
    private record ForwardedRead(long requestId, long sentAt) {
    }

    private final RaftNode node;

    /** Reads forwarded to the current leader and not answered yet, oldest first. */
    private final List<ForwardedRead> forwardedReads = new ArrayList<>();

    FollowerSteps(RaftNode node) {
        this.node = node;
    }

    /** Same-term message from the leader: a candidate learns it lost (§5.2). */
    private void acceptLeader(String leader) {
        if (node.role != Role.FOLLOWER || !leader.equals(node.leaderId)) {
            node.becomeFollower(node.term, leader);
        }
        node.electionElapsed = 0;
    }

    void handleAppendEntries(AppendEntries a) {
        if (node.role == Role.LEADER) {
            return; // two leaders in one term cannot happen (Election Safety); ignore
        }
        acceptLeader(a.from());
        RaftLog log = node.log;
        if (a.prevIndex() < log.commit()) {
            // Everything up to commit is settled; tell the leader where to resume.
            node.send(new AppendEntriesResponse(node.id, a.from(), node.term, true, log.commit(),
                    0, 0));
            return;
        }
        if (log.matchTerm(a.prevIndex(), a.prevTerm())) {
            long truncatedAt = log.appendAfterMatch(a.entries());
            if (truncatedAt > 0 || containsConfig(a)) {
                node.refreshMembership();
            }
            long lastNew = a.prevIndex() + a.entries().size();
            log.commitTo(Math.min(a.leaderCommit(), lastNew));
            node.send(new AppendEntriesResponse(node.id, a.from(), node.term, true, lastNew, 0, 0));
            return;
        }
        // §5.3 consistency check failed. Hint: skip every entry of a term newer than prevTerm.
        long hintIndex = Math.min(a.prevIndex(), log.lastIndex());
        hintIndex = log.findConflictByTerm(hintIndex, a.prevTerm());
        long hintTerm = Math.max(0, log.term(hintIndex));
        node.send(new AppendEntriesResponse(node.id, a.from(), node.term, false, a.prevIndex(),
                hintIndex, hintTerm));
    }

    private static boolean containsConfig(AppendEntries a) {
        for (LogEntry e : a.entries()) {
            if (e.type() == EntryType.CONFIG) {
                return true;
            }
        }
        return false;
    }

    void handleHeartbeat(Heartbeat h) {
        if (node.role == Role.LEADER) {
            return;
        }
        acceptLeader(h.from());
        node.log.commitTo(h.commit());
        node.send(new HeartbeatResponse(node.id, h.from(), node.term, h.context()));
    }

    void handleInstallSnapshot(InstallSnapshot m) {
        if (node.role == Role.LEADER) {
            return;
        }
        acceptLeader(m.from());
        RaftLog log = node.log;
        SnapshotMeta meta = m.snapshot().meta();
        if (meta.index() <= log.commit()) {
            // Old or duplicate: already covered by what this node committed.
            node.send(new InstallSnapshotResponse(node.id, m.from(), node.term, log.commit(), true));
            return;
        }
        if (log.matchTerm(meta.index(), meta.term())) {
            // The log already holds the snapshot's last entry: keep the log, move commit (§7).
            log.commitTo(meta.index());
        } else {
            log.restore(m.snapshot());
            node.refreshMembership();
        }
        node.send(new InstallSnapshotResponse(node.id, m.from(), node.term, meta.index(), true));
    }

    void handleTimeoutNow(TimeoutNow t) {
        if (node.role == Role.LEADER || !node.isVoter()) {
            return;
        }
        // thesis §3.10: campaign at once, skipping pre-vote; voters grant despite their lease.
        node.election.becomeCandidate(true);
    }

    /** Thesis §6.4: a follower asks the leader for a read index on its client's behalf. */
    void forwardRead(long requestId) {
        forwardedReads.add(new ForwardedRead(requestId, node.now));
        node.send(new ReadIndexRequest(node.id, node.leaderId, node.term, requestId));
    }

    void handleReadIndexResponse(ReadIndexResponse r) {
        Iterator<ForwardedRead> it = forwardedReads.iterator();
        while (it.hasNext()) {
            if (it.next().requestId() == r.requestId()) {
                it.remove();
                if (r.ok()) {
                    node.readStates.add(new ReadState(r.requestId(), r.readIndex()));
                } else {
                    node.failedReads.add(r.requestId());
                }
                return;
            }
        }
    }

    /** Forwarded reads whose leader changed can no longer be answered: the client retries. */
    void failForwardedReads() {
        for (ForwardedRead r : forwardedReads) {
            node.failedReads.add(r.requestId());
        }
        forwardedReads.clear();
    }

    /** Forwarded reads unanswered for two election timeouts are failed (lost messages). */
    void expireForwardedReads() {
        Iterator<ForwardedRead> it = forwardedReads.iterator();
        while (it.hasNext()) {
            ForwardedRead r = it.next();
            if (node.now - r.sentAt() >= 2L * node.config.electionTicks()) {
                it.remove();
                node.failedReads.add(r.requestId());
            }
        }
    }
}
