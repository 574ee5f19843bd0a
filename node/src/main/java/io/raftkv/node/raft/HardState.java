package io.raftkv.node.raft;

/**
 * What a node must persist before it sends the messages of the same {@link Ready} (§5, Figure 2
 * "persistent state on all servers"), plus the commit index so a restart re-applies no less.
 *
 * @param term the latest term this node has seen, at least 0, never decreases
 * @param votedFor the candidate voted for in {@code term}, or null
 * @param commit the highest index known committed, at least 0, never decreases
 */
public record HardState(long term, String votedFor, long commit) {

    /** The state of a node that has never run. */
    public static final HardState INITIAL = new HardState(0, null, 0);

    public HardState {
        if (term < 0 || commit < 0) {
            throw new IllegalArgumentException(
                    "term and commit must be at least 0, were " + term + " and " + commit);
        }
    }
}
