package io.raftkv.node.storage;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The crash test's entries: a pure function of (term, index), so the parent can rebuild every
 * acknowledged entry from the child's "ACK from to term" lines. The ops mix conditional writes
 * over 12 keys so that applying an entry twice or out of order changes the final data.
 */
final class CrashWorkload {

    private CrashWorkload() {
    }

    static LogEntry entry(long term, long index) {
        Random r = new Random(term * 1_000_003L + index);
        if (r.nextInt(25) == 0) {
            return LogEntry.noop(term, index);
        }
        int n = r.nextInt(4) == 0 ? 2 + r.nextInt(3) : 1;
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(op(r, "t" + term + "i" + index + "o" + i));
        }
        Command c = n == 1 ? Command.of(ops.get(0)) : Command.batch(ops);
        return new LogEntry(term, index, io.raftkv.client.log.EntryType.COMMAND, CommandCodec.encode(c));
    }

    private static Op op(Random r, String value) {
        byte[] key = ("k" + r.nextInt(12)).getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        switch (r.nextInt(6)) {
            case 0:
                return Put.of(key, v);
            case 1:
                return Put.ifAbsent(key, v);
            case 2:
                return new Put(key, v, Condition.EXISTS);
            case 3:
                return Delete.of(key);
            case 4:
                return new Delete(key, Condition.EXISTS);
            default:
                return new Put(key, v, new Condition.ModIndexEquals(r.nextInt(3) == 0 ? 0 : r.nextInt(200)));
        }
    }
}
