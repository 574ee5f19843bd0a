package io.raftkv.node.storage;

import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code APPLIED index}. Each line goes first to the progress file (one unbuffered write, so it is
 * in the OS before the next storage call and survives SIGKILL), then to stdout, which the parent
 * only uses to decide when to kill (a JVM's pipe from a killed process may lose its last bytes).
 */
public final class StorageCrashChild {

    private StorageCrashChild() {
    }

    private static FileOutputStream progress;

    private static void emit(String line) throws IOException {
        progress.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.println(line);
        System.out.flush();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        progress = new FileOutputStream(args[2], true);
        JeStorage s = JeStorage.open(dir, StorageConfig.forTests().withCacheBytes(16 * StorageConfig.MIB));
        emit("OPEN " + s.lastIndex() + " " + s.appliedIndex());
        if (s.hardState().term() == 0) {
            s.saveHardState(new HardState(1, "n1", 0));
            emit("HS 1 0");
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
            emit("BEGIN " + from + " " + (from + n - 1) + " " + term);
            s.saveHardStateAndAppend(new HardState(term, "n1", hs.commit()), entries);
            emit("ACK " + from + " " + (from + n - 1) + " " + term);
            long newLast = from + n - 1;
            if (rnd.nextInt(3) != 0) {
                long commit = hs.commit() + rnd.nextInt((int) (newLast - hs.commit()) + 1);
                s.saveHardState(new HardState(term, "n1", commit));
                emit("HS " + term + " " + commit);
                s.apply(commit);
                emit("APPLIED " + commit);
            }
        }
    }
}
