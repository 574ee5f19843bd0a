package io.raftkv.node.raft;

/**
 * The answer to a {@link RequestVote} (§5.2). A granted pre-vote response carries the requested
 * (future) term; a rejected one carries the responder's own term.
 *
 * @param granted whether the vote (or pre-vote) is granted
 * @param preVote true if this answers a pre-vote
 */
public record RequestVoteResponse(String from, String to, long term, boolean granted,
        boolean preVote) implements Message {
}
