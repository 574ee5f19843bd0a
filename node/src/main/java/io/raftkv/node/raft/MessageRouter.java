package io.raftkv.node.raft;

/**
 * Applies the term rules of §5.1 to every incoming message (adopt a higher term, answer or drop a
 * stale one, the pre-vote and check-quorum exceptions of thesis §9.6 and §4.2.3), then hands it to
 * the handler of its type. Operates on its {@link RaftNode}'s state.
 */
final class MessageRouter {

    private final RaftNode node;

    MessageRouter(RaftNode node) {
        this.node = node;
    }

    void step(Message m) {
        if (m.term() > node.term) {
            if (!stepHigherTerm(m)) {
                return;
            }
        } else if (m.term() < node.term) {
            stepLowerTerm(m);
            return;
        }
        dispatch(m);
    }

    /** Returns whether to go on handling {@code m} after adopting or refusing its higher term. */
    private boolean stepHigherTerm(Message m) {
        if (m instanceof RequestVote v) {
            boolean brokenPreVote = v.preVote() && node.config.faults().brokenPreVote();
            boolean inLease = node.config.checkQuorum() && node.leaderId != null
                    && node.electionElapsed < node.config.electionTicks();
            if (inLease && !v.leadershipTransfer() && !brokenPreVote) {
                // thesis §4.2.3 / §9.6: a node that hears a live leader ignores vote requests,
                // so a removed or partitioned server cannot disrupt the cluster.
                return false;
            }
            if (v.preVote()) {
                return true; // a pre-vote never changes the receiver's term
            }
            node.becomeFollower(m.term(), null);
            return true;
        }
        if (m instanceof RequestVoteResponse r && r.preVote() && r.granted()) {
            return true; // carries the future term the pre-candidate asked for
        }
        boolean fromLeader = m instanceof AppendEntries || m instanceof Heartbeat
                || m instanceof InstallSnapshot;
        node.becomeFollower(m.term(), fromLeader ? m.from() : null);
        return true;
    }

    private void stepLowerTerm(Message m) {
        if ((node.config.checkQuorum() || node.config.preVote())
                && (m instanceof AppendEntries || m instanceof Heartbeat)) {
            // A leader cut off from us while we raised our term: tell it, so it steps down and
            // this node is not stuck refusing its messages forever (etcd TestFreeStuckCandidate).
            node.send(new AppendEntriesResponse(node.id, m.from(), node.term, false, 0, 0, 0));
        } else if (m instanceof RequestVote v && v.preVote()) {
            node.send(new RequestVoteResponse(node.id, m.from(), node.term, false, true));
        }
        // Anything else from an older term is stale: ignore it (§5.1).
    }

    private void dispatch(Message m) {
        if (m instanceof RequestVote v) {
            node.election.handleRequestVote(v);
        } else if (m instanceof RequestVoteResponse r) {
            node.election.handleVoteResponse(r);
        } else if (m instanceof AppendEntries a) {
            node.follower.handleAppendEntries(a);
        } else if (m instanceof Heartbeat h) {
            node.follower.handleHeartbeat(h);
        } else if (m instanceof InstallSnapshot s) {
            node.follower.handleInstallSnapshot(s);
        } else if (m instanceof TimeoutNow t) {
            node.follower.handleTimeoutNow(t);
        } else if (m instanceof ReadIndexResponse r) {
            node.follower.handleReadIndexResponse(r);
        } else if (m instanceof AppendEntriesResponse r) {
            node.replication.handleAppendEntriesResponse(r);
        } else if (m instanceof HeartbeatResponse r) {
            node.replication.handleHeartbeatResponse(r);
        } else if (m instanceof InstallSnapshotResponse r) {
            node.replication.handleInstallSnapshotResponse(r);
        } else if (m instanceof ReadIndexRequest r) {
            node.replication.handleReadIndexRequest(r);
        } else {
            throw new IllegalArgumentException("unknown message type " + m.getClass().getName());
        }
    }
}
