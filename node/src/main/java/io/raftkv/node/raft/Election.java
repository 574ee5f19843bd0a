package io.raftkv.node.raft;

import java.util.HashSet;
import java.util.Set;

/**
 * Leader election (§5.2) with pre-vote (thesis §9.6): campaigning, granting votes with the
 * up-to-date check (§5.4.1), counting responses. Operates on its {@link RaftNode}'s state.
 */
final class Election {

    private final RaftNode node;

    /** Voters that granted this node's current (pre-)vote round, itself included. */
    private final Set<String> granted = new HashSet<>();

    /** Voters that rejected it. */
    private final Set<String> rejected = new HashSet<>();

    Election(RaftNode node) {
        this.node = node;
    }

    /** Thesis §9.6: ask whether an election could be won before disturbing anyone's term. */
    void becomePreCandidate() {
        if (node.config.faults().brokenPreVote()) {
            // FAULT: the pre-candidate bumps its own term, so an isolated node inflates it.
            node.term++;
            node.votedFor = null;
        }
        node.role = Role.PRE_CANDIDATE;
        node.leaderId = null;
        node.resetTimers();
        startRound(true, false);
    }

    /** §5.2: increment the term, vote for itself, ask every voter. */
    void becomeCandidate(boolean leadershipTransfer) {
        node.follower.failForwardedReads();
        node.term++;
        node.votedFor = node.id;
        node.role = Role.CANDIDATE;
        node.leaderId = null;
        node.resetTimers();
        startRound(false, leadershipTransfer);
    }

    private void startRound(boolean preVote, boolean transfer) {
        granted.clear();
        rejected.clear();
        granted.add(node.id);
        if (Quorum.hasMajority(node.membership.voters(), granted)) {
            won(preVote);
            return;
        }
        long voteTerm = preVote ? node.term + 1 : node.term;
        for (String peer : node.membership.voters()) {
            if (!peer.equals(node.id)) {
                node.send(new RequestVote(node.id, peer, voteTerm, node.log.lastIndex(),
                        node.log.lastTerm(), preVote, transfer));
            }
        }
    }

    private void won(boolean preVote) {
        if (preVote) {
            becomeCandidate(false);
        } else {
            node.replication.becomeLeader();
        }
    }

    void handleRequestVote(RequestVote v) {
        boolean faultyPreVote = v.preVote() && node.config.faults().brokenPreVote();
        // §5.2: one vote per term, first come first served; a pre-vote for a later term is free.
        boolean canVote = v.from().equals(node.votedFor)
                || (node.votedFor == null && node.leaderId == null)
                || (v.preVote() && v.term() > node.term);
        boolean upToDate = node.log.isUpToDate(v.lastLogIndex(), v.lastLogTerm())
                || node.config.faults().grantVotesWithoutLogCheck();
        boolean grant = faultyPreVote || (canVote && upToDate);
        if (grant && !v.preVote()) {
            node.votedFor = v.from();
            node.electionElapsed = 0;
        }
        long responseTerm = grant && v.preVote() ? v.term() : node.term;
        node.send(new RequestVoteResponse(node.id, v.from(), responseTerm, grant, v.preVote()));
    }

    void handleVoteResponse(RequestVoteResponse r) {
        boolean expected = (r.preVote() && node.role == Role.PRE_CANDIDATE)
                || (!r.preVote() && node.role == Role.CANDIDATE);
        if (!expected) {
            return; // a late answer to an earlier round
        }
        if (r.granted()) {
            granted.add(r.from());
        } else {
            rejected.add(r.from());
        }
        Set<String> voters = node.membership.voters();
        if (Quorum.hasMajority(voters, granted)) {
            won(r.preVote());
        } else if (Quorum.lost(voters, rejected)) {
            node.becomeFollower(node.term, null);
        }
    }
}
