package io.raftkv.node.raft;

/**
 * A message between Raft peers (Raft §5). The core only creates messages and consumes them; the
 * server carries them over the network in any order, may lose or duplicate them, and must send
 * those of a {@link Ready} only after persisting that Ready's hard state and entries, except the
 * leader's AppendEntries the Ready marks as early ({@link Ready#earlyMessages()}).
 *
 * <p>Every message carries the sender's term; a receiver that sees a higher term adopts it and
 * steps down (§5.1), one that sees a lower term rejects or ignores the message.
 */
public sealed interface Message permits RequestVote, RequestVoteResponse, AppendEntries,
        AppendEntriesResponse, Heartbeat, HeartbeatResponse, InstallSnapshot,
        InstallSnapshotResponse, TimeoutNow, ReadIndexRequest, ReadIndexResponse {

    /** The sending node's id, never null. */
    String from();

    /** The receiving node's id, never null. */
    String to();

    /** The sender's term, at least 0 (a pre-vote carries the term the sender would campaign in). */
    long term();
}
