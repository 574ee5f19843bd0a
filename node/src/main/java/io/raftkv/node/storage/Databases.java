package io.raftkv.node.storage;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.CursorConfig;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Environment;
import com.sleepycat.je.Get;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import com.sleepycat.je.TransactionConfig;
import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.LogEntryCodec;
import io.raftkv.client.log.LogEntry;
import java.util.List;

/**
 * The environment and its four databases, with the record-level helpers the storage classes
 * share. Owns no state beyond the handles; thread-safe as JE handles are.
 */
record Databases(Environment env, Database unstable, Database committed, Database data, Database meta) {

    static final String UNSTABLE = "unstable";
    static final String COMMITTED = "committed";
    static final String DATA = "data";
    static final String META = "meta";
    /** The only databases a raftkv environment holds. */
    static final List<String> NAMES = List.of(UNSTABLE, COMMITTED, DATA, META);

    /** The log entry at {@code index} in {@code db}, or null; READ_COMMITTED outside a txn. */
    static LogEntry readEntry(Database db, Transaction txn, long index) {
        DatabaseEntry value = new DatabaseEntry();
        LockMode mode = txn == null ? LockMode.READ_COMMITTED : LockMode.RMW;
        if (db.get(txn, IndexKey.of(index), value, mode) != OperationStatus.SUCCESS) {
            return null;
        }
        return decodeEntry(index, value.getData());
    }

    static LogEntry decodeEntry(long index, byte[] bytes) {
        try {
            LogEntry e = LogEntryCodec.decode(bytes);
            if (e.index() != index) {
                throw new StorageException("corrupt log: the record at index " + index + " holds index " + e.index());
            }
            return e;
        } catch (CodecException e) {
            throw new StorageException("corrupt log entry at index " + index
                    + "; the data directory is damaged, restore it from a peer", e);
        }
    }

    /** The highest index key in {@code db}, or 0 if it is empty. */
    static long lastKey(Database db) {
        return edgeKey(db, Get.LAST);
    }

    /** The lowest index key in {@code db}, or 0 if it is empty. */
    static long firstKey(Database db) {
        return edgeKey(db, Get.FIRST);
    }

    private static long edgeKey(Database db, Get where) {
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry none = new DatabaseEntry();
        none.setPartial(0, 0, true);
        try (Cursor c = db.openCursor(null, CursorConfig.READ_COMMITTED)) {
            return c.get(key, none, where, null) == null ? 0 : IndexKey.read(key);
        }
    }

    /** Deletes every index key in {@code [from, to]} of {@code db}; returns how many. */
    static long deleteRange(Database db, Transaction txn, long from, long to) {
        DatabaseEntry key = IndexKey.of(from);
        DatabaseEntry none = new DatabaseEntry();
        none.setPartial(0, 0, true);
        long n = 0;
        try (Cursor c = db.openCursor(txn, null)) {
            var r = c.get(key, none, Get.SEARCH_GTE, null);
            while (r != null && IndexKey.read(key) <= to) {
                c.delete();
                n++;
                r = c.get(key, none, Get.NEXT, null);
            }
        }
        return n;
    }

    /** Deletes every record of {@code db} for which {@code keep} is false. */
    static void deleteAll(Database db, Transaction txn, java.util.function.Predicate<byte[]> keep) {
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry none = new DatabaseEntry();
        none.setPartial(0, 0, true);
        try (Cursor c = db.openCursor(txn, null)) {
            while (c.get(key, none, Get.NEXT, null) != null) {
                if (!keep.test(key.getData())) {
                    c.delete();
                }
            }
        }
    }

    /** Work inside one JE transaction. */
    interface TxnWork {
        void run(Transaction txn);
    }

    /**
     * Runs {@code work} in one transaction with {@code tc} and commits it; on any failure aborts
     * and rethrows, JE's exceptions wrapped in a {@link StorageException}.
     */
    void inTransaction(String what, TransactionConfig tc, TxnWork work) {
        Transaction txn;
        try {
            txn = env.beginTransaction(null, tc);
        } catch (DatabaseException e) {
            throw new StorageException(what + " could not start a JE transaction", e);
        }
        try {
            work.run(txn);
            txn.commit();
        } catch (RuntimeException e) {
            try {
                txn.abort();
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            if (e instanceof DatabaseException) {
                throw new StorageException(what + " failed in JE (disk below je.freeDisk? I/O error?)", e);
            }
            throw e;
        }
    }

    void close() {
        RuntimeException first = null;
        for (Database db : new Database[] {unstable, committed, data, meta}) {
            try {
                db.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        try {
            env.close();
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw new StorageException("closing the JE environment failed", first);
        }
    }
}
