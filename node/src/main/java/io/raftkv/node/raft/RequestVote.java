package io.raftkv.node.raft;

/**
 * A candidate asks for a vote (§5.2), or a pre-candidate asks whether it would win one (Raft
 * thesis §9.6, pre-vote). A pre-vote carries the term the sender would campaign in but does not
 * change the receiver's term or vote.
 *
 * @param lastLogIndex index of the candidate's last entry, for the up-to-date check (§5.4.1)
 * @param lastLogTerm term of the candidate's last entry
 * @param preVote true for a pre-vote request
 * @param leadershipTransfer true when the leader asked this candidate to campaign (TimeoutNow):
 *     receivers then grant even though they heard from a live leader (thesis §3.10)
 */
public record RequestVote(String from, String to, long term, long lastLogIndex, long lastLogTerm,
        boolean preVote, boolean leadershipTransfer) implements Message {
}
