package io.raftkv.node.storage;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Op;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small builders shared by the storage tests. */
final class StorageFixtures {

    private StorageFixtures() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static LogEntry command(long term, long index, Op... ops) {
        Command c = ops.length == 1 ? Command.of(ops[0]) : Command.batch(List.of(ops));
        return new LogEntry(term, index, EntryType.COMMAND, CommandCodec.encode(c));
    }

    static List<LogEntry> noops(long term, long from, long to) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(LogEntry.noop(term, i));
        }
        return out;
    }

    /** Appends {@code entries}, commits them and applies them. */
    static List<AppliedEntry> appendCommitApply(JeStorage s, List<LogEntry> entries) {
        long last = entries.get(entries.size() - 1).index();
        HardState hs = s.hardState();
        s.saveHardStateAndAppend(new HardState(Math.max(hs.term(), entries.get(entries.size() - 1).term()),
                hs.votedFor(), last), entries);
        return s.apply(last);
    }
}
