package io.raftkv.node.storage;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.CursorConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.Get;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes and restores snapshots ({@link SnapshotFormat}). Writing scans {@code meta} and
 * {@code data} with READ_COMMITTED cursors while the caller keeps apply paused, so the stream is
 * the state at exactly the applied index; appends to {@code unstable} go on meanwhile.
 */
final class SnapshotTransfer {

    /** What a restore left behind, for the caller's caches. */
    record Restored(SnapshotInfo info, boolean keptUnstable, HardState hardState, StoredMembership membership) {
    }

    private SnapshotTransfer() {
    }

    static SnapshotInfo write(Databases dbs, long index, long term, OutputStream out) {
        try {
            SnapshotFormat.Writer w = new SnapshotFormat.Writer(out, index, term);
            DatabaseEntry key = new DatabaseEntry();
            DatabaseEntry value = new DatabaseEntry();
            try (Cursor c = dbs.meta().openCursor(null, CursorConfig.READ_COMMITTED)) {
                while (c.get(key, value, Get.NEXT, null) != null) {
                    if (!MetaRecords.isLocal(key.getData())) {
                        w.record(SnapshotFormat.TAG_META, key.getData(), value.getData());
                    }
                }
            }
            try (Cursor c = dbs.data().openCursor(null, CursorConfig.READ_COMMITTED)) {
                while (c.get(key, value, Get.NEXT, null) != null) {
                    w.record(SnapshotFormat.TAG_DATA, key.getData(), value.getData());
                }
            }
            long records = w.finish();
            return new SnapshotInfo(index, term, records, w.bytes());
        } catch (IOException e) {
            throw new StorageException("writing the snapshot stream failed", e);
        } catch (DatabaseException e) {
            throw new StorageException("reading state for the snapshot failed", e);
        }
    }

    /**
     * Replaces data and shared meta from {@code in} in one synced transaction. The caller holds
     * both storage locks.
     */
    static Restored restore(Databases dbs, InputStream in, JeStorage storage, HardState hard) {
        SnapshotFormat.Reader r;
        try {
            r = new SnapshotFormat.Reader(in);
        } catch (IOException e) {
            throw new StorageException("reading the snapshot header failed", e);
        }
        if (r.index < storage.appliedIndex()) {
            throw new IllegalArgumentException("snapshot at index " + r.index + " is older than the applied index "
                    + storage.appliedIndex() + "; ignore it");
        }
        long index = r.index;
        long term = r.term;
        long[] records = {0};
        boolean[] kept = {false};
        HardState newHard = hard.commit() >= index ? hard : new HardState(hard.term(), hard.votedFor(), index);
        StoredMembership[] membership = {null};
        storage.inTransaction("restore snapshot", JeEnvironments.synced(), txn -> {
            Databases.deleteAll(dbs.data(), txn, k -> false);
            Databases.deleteAll(dbs.meta(), txn, MetaRecords::isLocal);
            byte[][] kv = new byte[2][];
            try {
                for (int tag = r.next(kv); tag != SnapshotFormat.TAG_END; tag = r.next(kv)) {
                    (tag == SnapshotFormat.TAG_META ? dbs.meta() : dbs.data())
                            .put(txn, new DatabaseEntry(kv[0]), new DatabaseEntry(kv[1]));
                    if (tag == SnapshotFormat.TAG_META && java.util.Arrays.equals(kv[0], MetaRecords.MEMBERSHIP)) {
                        membership[0] = MetaRecords.readMembership(new DatabaseEntry(kv[1]));
                    }
                    records[0]++;
                }
            } catch (IOException e) {
                throw new StorageException("reading the snapshot stream failed; nothing was changed", e);
            }
            // §7: keep the log after the snapshot only if it agrees with the snapshot's last entry
            LogEntry at = Databases.readEntry(dbs.unstable(), txn, index);
            if (at == null) {
                at = Databases.readEntry(dbs.committed(), txn, index);
            }
            kept[0] = at != null ? at.term() == term : index == storage.firstIndex() - 1 && storage.term(index) == term;
            Databases.deleteRange(dbs.committed(), txn, 0, Long.MAX_VALUE);
            Databases.deleteRange(dbs.unstable(), txn, 0, kept[0] ? index : Long.MAX_VALUE);
            dbs.meta().put(txn, MetaRecords.key(MetaRecords.APPLIED), MetaRecords.pair(index, term));
            dbs.meta().put(txn, MetaRecords.key(MetaRecords.LOG_START), MetaRecords.pair(index + 1, term));
            dbs.meta().put(txn, MetaRecords.key(MetaRecords.HARD), MetaRecords.hardState(newHard));
        });
        return new Restored(new SnapshotInfo(index, term, records[0], -1), kept[0], newHard, membership[0]);
    }
}
