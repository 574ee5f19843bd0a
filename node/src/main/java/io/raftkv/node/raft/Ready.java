package io.raftkv.node.raft;

import io.raftkv.client.log.LogEntry;
import java.util.List;

/**
 * Everything the server must do for the node, as one immutable batch. Handle it in this order:
 * <ol>
 *   <li>if {@code snapshot} is non-null, install it durably (state machine, snapshot metadata,
 *       log discarded up to its index);</li>
 *   <li>send the first {@code earlyMessages} of {@code messages}, if any: a leader's
 *       AppendEntries, which may go out before or while it persists (thesis §10.2.1);</li>
 *   <li>persist {@code hardState} (if non-null) and {@code entries}: delete the stored log
 *       from the first entry's index on, then append them; sync;</li>
 *   <li>only then send the rest of {@code messages} (§5: a node must not acknowledge what it
 *       could forget);</li>
 *   <li>apply {@code committedEntries} in order; serve {@code readStates} once applied reaches
 *       their index; fail {@code failedReads} and answer {@code unknownOutcomes}; take a
 *       snapshot if {@code snapshotRequested};</li>
 *   <li>call {@link RaftNode#advance(Ready)}.</li>
 * </ol>
 *
 * @param softState role, leader and term now, never null; a change of it alone makes a Ready
 * @param hardState hard state to persist, or null if unchanged since the last Ready
 * @param entries entries to persist, consecutive, possibly empty
 * @param snapshot a snapshot received from the leader to install, or null
 * @param messages messages to send: the first {@code earlyMessages} of them may leave before
 *     persisting, the rest only after
 * @param committedEntries entries to apply, consecutive, in order
 * @param readStates confirmed reads
 * @param failedReads ids of reads that can no longer be confirmed (leadership lost, or not
 *     leader and no leader known): the client retries
 * @param unknownOutcomes proposals whose fate is unknown because leadership was lost
 * @param snapshotRequested the log passed the snapshot threshold: take a snapshot at the applied
 *     index and report it with {@link RaftNode#snapshotTaken(Snapshot)}
 * @param earlyMessages how many leading {@code messages} may be sent before persisting, 0 to
 *     {@code messages.size()}; non-zero only for a leader's AppendEntries in a Ready that changes
 *     neither term nor vote
 */
public record Ready(SoftState softState, HardState hardState, List<LogEntry> entries,
        Snapshot snapshot, List<Message> messages, List<LogEntry> committedEntries,
        List<ReadState> readStates, List<Long> failedReads, List<UnknownOutcome> unknownOutcomes,
        boolean snapshotRequested, int earlyMessages) {

    public Ready {
        if (earlyMessages < 0 || earlyMessages > messages.size()) {
            throw new IllegalArgumentException("earlyMessages must be in 0.." + messages.size() + ", was "
                    + earlyMessages);
        }
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        committedEntries = List.copyOf(committedEntries);
        readStates = List.copyOf(readStates);
        failedReads = List.copyOf(failedReads);
        unknownOutcomes = List.copyOf(unknownOutcomes);
    }
}
