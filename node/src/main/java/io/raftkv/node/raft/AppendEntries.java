package io.raftkv.node.raft;

import io.raftkv.client.log.LogEntry;
import java.util.List;

/**
 * The leader replicates entries (§5.3). The receiver accepts only if its log holds an entry at
 * {@code prevIndex} with term {@code prevTerm} (the consistency check); it then deletes any
 * conflicting suffix and appends what is missing.
 *
 * @param prevIndex index of the entry just before {@code entries}, at least 0
 * @param prevTerm term of that entry (0 when {@code prevIndex} is 0)
 * @param entries consecutive entries from {@code prevIndex + 1}, possibly empty; never null
 * @param leaderCommit the leader's commit index
 */
public record AppendEntries(String from, String to, long term, long prevIndex, long prevTerm,
        List<LogEntry> entries, long leaderCommit) implements Message {

    public AppendEntries {
        entries = List.copyOf(entries);
    }
}
