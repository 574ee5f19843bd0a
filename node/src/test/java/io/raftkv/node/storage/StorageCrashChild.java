package io.raftkv.node.storage;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process {@link StorageCrashTest} kills: runs a Raft-like write loop on the storage forever
 * and prints, after each call RETURNS, what it acknowledged. "BEGIN" is printed before a log
 * write so the parent knows which write may or may not have happened.
 *
 * <p>Lines: {@code BEGIN from to term}, {@code ACK from to term}, {@code HS term commit},
 * {@code APPLIED index}.
 */
public final class StorageCrashChild {

    private StorageCrashChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        PrintStream out = System.out;
        JeStorage s = JeStorage.open(dir, StorageConfig.forTests().withCacheBytes(16 * StorageConfig.MIB));
        out.println("OPEN " + s.lastIndex() + " " + s.appliedIndex());
        out.flush();
        if (s.hardState().term() == 0) {
            s.saveHardState(new HardState(1, "n1", 0));
            out.println("HS 1 0");
            out.flush();
        }
        while (true) {
            HardState hs = s.hardState();
            long last = s.lastIndex();
            long from;
            long term;
            if (rnd.nextInt(8) == 0 && last > hs.commit()) {
                // a new leader's entries replace an uncommitted suffix (§5.3)
                term = hs.term() + 1;
                from = hs.commit() + 1 + rnd.nextInt((int) Math.min(last - hs.commit(), 1000));
            } else {
                term = hs.term();
                from = last + 1;
            }
            int n = 1 + rnd.nextInt(24);
            List<LogEntry> entries = new ArrayList<>(n);
            for (long i = from; i < from + n; i++) {
                entries.add(CrashWorkload.entry(term, i));
            }
            out.println("BEGIN " + from + " " + (from + n - 1) + " " + term);
            out.flush();
            s.saveHardStateAndAppend(new HardState(term, "n1", hs.commit()), entries);
            out.println("ACK " + from + " " + (from + n - 1) + " " + term);
            out.flush();
            long newLast = from + n - 1;
            if (rnd.nextInt(3) != 0) {
                long commit = hs.commit() + rnd.nextInt((int) (newLast - hs.commit()) + 1);
                s.saveHardState(new HardState(term, "n1", commit));
                out.println("HS " + term + " " + commit);
                out.flush();
                s.apply(commit);
                out.println("APPLIED " + commit);
                out.flush();
            }
        }
    }
}
