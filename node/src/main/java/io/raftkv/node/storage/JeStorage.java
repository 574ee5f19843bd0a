package io.raftkv.node.storage;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.Environment;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import com.sleepycat.je.TransactionConfig;
import io.raftkv.client.command.LogEntryCodec;
import io.raftkv.client.command.Put;
import io.raftkv.client.log.LogEntry;
import io.raftkv.node.raft.HardState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A node's durable state in ONE transactional JE environment with exactly four databases:
 * {@code unstable} (appended, not yet applied entries), {@code committed} (applied entries, until
 * compacted), {@code data} (the key-value state) and {@code meta} (hard state, applied index,
 * log start, membership, sessions). Layouts, transactions and the durability argument are in
 * docs/storage.md.
 *
 * <p>Invariants, true in every committed JE state: entries {@code <= appliedIndex} are in
 * {@code committed} (or compacted), entries {@code > appliedIndex} are in {@code unstable};
 * {@code appliedIndex <= commit <= lastIndex}.
 *
 * <p>Threads: log writes are serialized by {@code logLock}; apply, snapshot and compaction by
 * {@code stateLock}; restore takes both. Reads take neither.
 */
public final class JeStorage implements LogStore, StateStore, AutoCloseable {

    private final Databases dbs;
    private final StorageConfig config;
    private final ReentrantLock logLock = new ReentrantLock();
    private final ReentrantLock stateLock = new ReentrantLock();
    // cached copies of what is committed in JE; written under the lock that guards the write
    private volatile HardState hardState;
    // invariant: lastIndex >= logStart.firstIndex() - 1
    private volatile long lastIndex;
    private volatile LogStart logStart;
    // invariant: appliedIndex <= hardState.commit()
    /** TEST ONLY: appends are not fsynced; see {@link #unsafeSkipLogSync()}. */
    private volatile boolean unsafeNoLogSync;
    private volatile long appliedIndex;
    private volatile long appliedTerm;
    private volatile StoredMembership membership;
    private volatile boolean closed;
    /** Applied Puts whose key it matches go to {@link #putSink}; see {@link #watchPuts}. */
    private volatile Predicate<byte[]> watchedKeys = key -> false;
    private volatile Consumer<Put> putSink = put -> { };

    private JeStorage(Databases dbs, StorageConfig config) {
        this.dbs = dbs;
        this.config = config;
    }

    /**
     * Opens (or creates) the environment in {@code dir}, keeping {@code unstable} and recovering
     * term, vote, commit and applied index.
     *
     * @throws StorageException if the directory is not a raftkv environment, is locked by another
     *                          process, is corrupt, or breaks the invariants above (fail closed)
     */
    public static JeStorage open(Path dir, StorageConfig config) {
        Objects.requireNonNull(config, "config");
        Environment env;
        try {
            Files.createDirectories(dir);
            env = new Environment(dir.toFile(), JeEnvironments.environmentConfig(config));
        } catch (IOException | DatabaseException e) {
            throw new StorageException("cannot open the JE environment in " + dir
                    + " (another process using it? damaged files?)", e);
        }
        try {
            Set<String> names = new HashSet<>(env.getDatabaseNames());
            boolean fresh = names.isEmpty();
            Set<String> unexpected = new HashSet<>(names);
            unexpected.removeAll(Databases.NAMES);
            if (!unexpected.isEmpty() || (!fresh && !names.containsAll(Databases.NAMES))) {
                throw new StorageException(dir + " is not a raftkv data directory: it holds databases " + names
                        + ", expected exactly " + Databases.NAMES);
            }
            DatabaseConfig dc = new DatabaseConfig().setAllowCreate(true).setTransactional(true);
            Database unstable = env.openDatabase(null, Databases.UNSTABLE, dc.clone().setKeyPrefixing(true));
            Database committed = env.openDatabase(null, Databases.COMMITTED, dc.clone().setKeyPrefixing(true));
            Database data = env.openDatabase(null, Databases.DATA, dc);
            Database meta = env.openDatabase(null, Databases.META, dc);
            JeStorage s = new JeStorage(new Databases(env, unstable, committed, data, meta), config);
            s.load(fresh, dir);
            return s;
        } catch (RuntimeException e) {
            try {
                env.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof StorageException se ? se : new StorageException("cannot open storage in " + dir, e);
        }
    }

    private void load(boolean fresh, Path dir) {
        DatabaseEntry v = new DatabaseEntry();
        if (fresh) {
            dbs.meta().put(null, MetaRecords.key(MetaRecords.FORMAT), new DatabaseEntry(
                    new byte[] {(byte) MetaRecords.FORMAT_VERSION}));
        } else if (getMeta(MetaRecords.FORMAT, v) == null || v.getSize() != 1
                || v.getData()[0] != MetaRecords.FORMAT_VERSION) {
            throw new StorageException(dir + " has no or an unknown raftkv format version; this build reads "
                    + MetaRecords.FORMAT_VERSION);
        }
        hardState = getMeta(MetaRecords.HARD, v) == null ? HardState.INITIAL : MetaRecords.readHardState(v);
        long[] applied = getMeta(MetaRecords.APPLIED, v) == null ? new long[2] : MetaRecords.readPair(v, "applied");
        appliedIndex = applied[0];
        appliedTerm = applied[1];
        long[] start = getMeta(MetaRecords.LOG_START, v) == null ? new long[] {1, 0}
                : MetaRecords.readPair(v, "logstart");
        logStart = new LogStart(start[0], start[1]);
        membership = getMeta(MetaRecords.MEMBERSHIP, v) == null ? null : MetaRecords.readMembership(v);
        long lastUnstable = Databases.lastKey(dbs.unstable());
        long firstUnstable = Databases.firstKey(dbs.unstable());
        long lastCommitted = Databases.lastKey(dbs.committed());
        lastIndex = Math.max(Math.max(lastUnstable, lastCommitted), logStart.firstIndex() - 1);
        if (lastCommitted > appliedIndex || (firstUnstable != 0 && firstUnstable <= appliedIndex)
                || appliedIndex > hardState.commit() || hardState.commit() > lastIndex
                || appliedIndex < logStart.firstIndex() - 1) {
            throw new StorageException(dir + " is inconsistent (applied " + appliedIndex + ", commit "
                    + hardState.commit() + ", committed log up to " + lastCommitted + ", unstable from "
                    + firstUnstable + " to " + lastUnstable + ", log start " + logStart.firstIndex()
                    + "); refusing to start: restore this node from a peer");
        }
    }

    private DatabaseEntry getMeta(byte[] key, DatabaseEntry value) {
        return dbs.meta().get(null, MetaRecords.key(key), value, LockMode.READ_COMMITTED) == OperationStatus.SUCCESS
                ? value : null;
    }

    // ---- LogStore -------------------------------------------------------------------------------

    @Override
    public void append(List<LogEntry> entries) {
        persist(null, entries);
    }

    @Override
    public void saveHardState(HardState hs) {
        persist(Objects.requireNonNull(hs, "hardState"), List.of());
    }

    @Override
    public void saveHardStateAndAppend(HardState hs, List<LogEntry> entries) {
        persist(Objects.requireNonNull(hs, "hardState"), entries);
    }

    private void persist(HardState hs, List<LogEntry> entries) {
        logLock.lock();
        try {
            checkOpen();
            long oldLast = lastIndex;
            long newLast = checkAppend(entries, oldLast);
            if (hs != null) {
                checkHardState(hardState, hs, newLast);
            }
            if (hs == null && entries.isEmpty()) {
                return;
            }
            inTransaction("append", durabilityOf(hs, entries), txn -> {
                if (!entries.isEmpty() && entries.get(0).index() <= oldLast) {
                    Databases.deleteRange(dbs.unstable(), txn, entries.get(0).index(), Long.MAX_VALUE);
                }
                for (LogEntry e : entries) {
                    dbs.unstable().put(txn, IndexKey.of(e.index()), new DatabaseEntry(LogEntryCodec.encode(e)));
                }
                if (hs != null) {
                    dbs.meta().put(txn, MetaRecords.key(MetaRecords.HARD), MetaRecords.hardState(hs));
                }
            });
            lastIndex = newLast;
            if (hs != null) {
                hardState = hs;
            }
        } finally {
            logLock.unlock();
        }
    }

    /**
     * Entries, a new term and a vote are fsynced before the call returns (§5: a server must not
     * forget what it acknowledged or whom it voted for). A hard state that only moves the commit
     * index is written to the OS and not fsynced, as etcd's {@code MustSync} does: the commit index
     * is volatile state (Raft paper, Figure 2), a process kill does not lose the write, and an OS
     * crash can only rewind it together with every later apply, because JE's log is one
     * append-only sequence (docs/storage.md, "Durability argument").
     */
    private TransactionConfig durabilityOf(HardState hs, List<LogEntry> entries) {
        if (unsafeNoLogSync) {
            return JeEnvironments.noSync();
        }
        boolean commitOnly = entries.isEmpty() && hs != null && hs.term() == hardState.term()
                && Objects.equals(hs.votedFor(), hardState.votedFor());
        return commitOnly ? JeEnvironments.writeNoSync() : JeEnvironments.synced();
    }

    /** Validates an append; returns the last index after it. */
    private long checkAppend(List<LogEntry> entries, long oldLast) {
        if (entries.isEmpty()) {
            return oldLast;
        }
        long first = entries.get(0).index();
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).index() != first + i) {
                throw new IllegalArgumentException("entries to append are not consecutive: index "
                        + entries.get(i).index() + " at position " + i + " after " + first);
            }
        }
        if (first > oldLast + 1) {
            throw new IllegalArgumentException("append at " + first + " would leave a gap after last index " + oldLast);
        }
        long floor = Math.max(hardState.commit(), logStart.firstIndex() - 1);
        if (first <= floor) {
            throw new IllegalArgumentException("append at " + first + " would overwrite committed entries (commit "
                    + hardState.commit() + ", first index " + logStart.firstIndex() + "); Raft never does (§5.3)");
        }
        return first + entries.size() - 1;
    }

    private static void checkHardState(HardState old, HardState hs, long lastIndex) {
        if (hs.term() < old.term() || hs.commit() < old.commit()) {
            throw new IllegalArgumentException("hard state would go backwards: " + old + " -> " + hs);
        }
        if (hs.term() == old.term() && old.votedFor() != null && !old.votedFor().equals(hs.votedFor())) {
            throw new IllegalArgumentException("a second vote in term " + hs.term() + " (" + old.votedFor() + " -> "
                    + hs.votedFor() + "); one vote per term (§5.2)");
        }
        if (hs.commit() > lastIndex) {
            throw new IllegalArgumentException("commit " + hs.commit() + " past the last index " + lastIndex);
        }
    }

    /**
     * TEST ONLY, breaks durability on purpose: from now on appends, hard state and applies stay in
     * JE's in-process buffers at commit (apply normally writes them to the OS, which a process kill
     * does not undo), so a killed process loses them although they returned. For the
     * chaos tool's negative control ({@code --unsafe-ack-before-sync}); never call it otherwise.
     */
    public void unsafeSkipLogSync() {
        unsafeNoLogSync = true;
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        logLock.lock();
        try {
            checkOpen();
            if (fromIndex <= hardState.commit() || fromIndex < logStart.firstIndex()) {
                throw new IllegalArgumentException("cannot truncate from " + fromIndex + ": entries up to commit "
                        + hardState.commit() + " are committed and never removed (§5.3)");
            }
            if (fromIndex > lastIndex) {
                return;
            }
            inTransaction("truncate", JeEnvironments.synced(),
                    txn -> Databases.deleteRange(dbs.unstable(), txn, fromIndex, Long.MAX_VALUE));
            lastIndex = fromIndex - 1;
        } finally {
            logLock.unlock();
        }
    }

    @Override
    public HardState hardState() {
        return hardState;
    }

    @Override
    public long firstIndex() {
        return logStart.firstIndex();
    }

    @Override
    public long lastIndex() {
        return lastIndex;
    }

    @Override
    public long term(long index) {
        LogStart start = logStart;
        if (index == start.firstIndex() - 1) {
            return start.prevTerm();
        }
        return entry(index).term();
    }

    @Override
    public List<LogEntry> entries(long lo, long hi, long maxBytes) {
        if (hi < lo || maxBytes < 0) {
            throw new IllegalArgumentException("bad range [" + lo + ", " + hi + ") or maxBytes " + maxBytes);
        }
        if (hi > lastIndex + 1) {
            throw new LogIndexUnavailableException(hi - 1, logStart.firstIndex(), lastIndex);
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = lo; i < hi; i++) {
            LogEntry e = entry(i);
            bytes += e.sizeInBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** Reads one entry, looking in unstable first: apply only ever moves entries to committed. */
    private LogEntry entry(long index) {
        checkOpen();
        LogStart start = logStart;
        long last = lastIndex;
        if (index < start.firstIndex() || index > last) {
            throw new LogIndexUnavailableException(index, start.firstIndex(), last);
        }
        try {
            LogEntry e = Databases.readEntry(dbs.unstable(), null, index);
            if (e == null) {
                e = Databases.readEntry(dbs.committed(), null, index);
            }
            if (e != null) {
                return e;
            }
        } catch (DatabaseException e) {
            throw new StorageException("reading log entry " + index + " failed", e);
        }
        // compacted or truncated meanwhile?
        if (index < logStart.firstIndex() || index > lastIndex) {
            throw new LogIndexUnavailableException(index, logStart.firstIndex(), lastIndex);
        }
        throw new StorageException("log entry " + index + " is missing though the log holds ["
                + logStart.firstIndex() + ", " + lastIndex + "]; the data directory is damaged");
    }

    // ---- StateStore -----------------------------------------------------------------------------

    @Override
    public List<AppliedEntry> apply(long upToIndex) {
        stateLock.lock();
        try {
            checkOpen();
            long from = appliedIndex + 1;
            if (upToIndex < from) {
                return List.of();
            }
            if (upToIndex > hardState.commit()) {
                throw new IllegalArgumentException("cannot apply up to " + upToIndex + ": only entries up to the saved "
                        + "commit index " + hardState.commit() + " are committed");
            }
            EntryApplier applier = new EntryApplier(dbs, new SessionTable(dbs.meta(), config.sessionWindowEntries()),
                    membership, appliedTerm, watchedKeys);
            inTransaction("apply", unsafeNoLogSync ? JeEnvironments.noSync() : JeEnvironments.writeNoSync(), txn -> applier.apply(txn, from, upToIndex));
            appliedIndex = upToIndex;
            appliedTerm = applier.lastTerm();
            membership = applier.membership();
            applier.watchedPuts().forEach(putSink);
            return applier.results();
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * From now on, every Put that {@link #apply} writes to a key {@code keys} accepts (its command
     * applied: not a duplicate, its conditions held) is handed to {@code sink} on the applying
     * thread, in log order, once its apply transaction committed. Lets the server follow a few
     * reserved keys without decoding every applied command a second time. Call before applying.
     */
    public void watchPuts(Predicate<byte[]> keys, Consumer<Put> sink) {
        this.watchedKeys = keys;
        this.putSink = sink;
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public long appliedTerm() {
        return appliedTerm;
    }

    @Override
    public Optional<StoredMembership> membership() {
        return Optional.ofNullable(membership);
    }

    /**
     * Stores the membership of a brand-new cluster at index 0. Synced.
     *
     * @throws IllegalStateException if anything was appended or applied before
     */
    public void bootstrap(byte[] initialMembership) {
        logLock.lock();
        stateLock.lock();
        try {
            checkOpen();
            if (lastIndex != 0 || appliedIndex != 0) {
                throw new IllegalStateException("bootstrap only an empty store; this one has entries up to " + lastIndex);
            }
            inTransaction("bootstrap", JeEnvironments.synced(), txn -> dbs.meta().put(txn,
                    MetaRecords.key(MetaRecords.MEMBERSHIP), MetaRecords.membership(0, initialMembership)));
            membership = new StoredMembership(0, initialMembership);
        } finally {
            stateLock.unlock();
            logLock.unlock();
        }
    }

    @Override
    public Optional<KeyValue> get(byte[] key) {
        checkOpen();
        DatabaseEntry value = new DatabaseEntry();
        try {
            if (dbs.data().get(null, new DatabaseEntry(key), value, LockMode.READ_COMMITTED) != OperationStatus.SUCCESS) {
                return Optional.empty();
            }
        } catch (DatabaseException e) {
            throw new StorageException("reading a key failed", e);
        }
        return Optional.of(DataRecord.decode(key, value.getData()));
    }

    @Override
    public ScanPage scan(ScanRequest request) {
        checkOpen();
        try {
            return DataScanner.scan(dbs.data(), request);
        } catch (DatabaseException e) {
            throw new StorageException("scanning data failed", e);
        }
    }

    @Override
    public SnapshotInfo writeSnapshot(OutputStream out) {
        stateLock.lock();
        try {
            checkOpen();
            return SnapshotTransfer.write(dbs, appliedIndex, appliedTerm, out);
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public SnapshotInfo restore(InputStream in) {
        logLock.lock();
        stateLock.lock();
        try {
            checkOpen();
            SnapshotTransfer.Restored r = SnapshotTransfer.restore(dbs, in, this, hardState);
            appliedIndex = r.info().index();
            appliedTerm = r.info().term();
            logStart = new LogStart(r.info().index() + 1, r.info().term());
            lastIndex = r.keptUnstable() ? Math.max(lastIndex, r.info().index()) : r.info().index();
            hardState = r.hardState();
            membership = r.membership();
            return r.info();
        } finally {
            stateLock.unlock();
            logLock.unlock();
        }
    }

    @Override
    public void compact(long upToIndex) {
        stateLock.lock();
        try {
            checkOpen();
            if (upToIndex > appliedIndex) {
                throw new IllegalArgumentException("cannot compact up to " + upToIndex + ": only entries up to applied "
                        + appliedIndex + " may be dropped");
            }
            while (logStart.firstIndex() <= upToIndex) {
                long first = logStart.firstIndex();
                long end = Math.min(upToIndex, first + config.compactionChunk() - 1);
                long endTerm = entry(end).term();
                inTransaction("compact", JeEnvironments.writeNoSync(), txn -> {
                    Databases.deleteRange(dbs.committed(), txn, first, end);
                    dbs.meta().put(txn, MetaRecords.key(MetaRecords.LOG_START), MetaRecords.pair(end + 1, endTerm));
                });
                logStart = new LogStart(end + 1, endTerm);
            }
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Writes and fsyncs JE's log: everything committed before the call (applies included, which
     * commit without a sync) survives an OS crash after it returns.
     */
    public void flushLog() {
        checkOpen();
        try {
            dbs.env().flushLog(true);
        } catch (DatabaseException e) {
            throw new StorageException("flushing the JE log failed", e);
        }
    }

    /** The JE handles, for white-box checks in this package's tests. */
    Databases databases() {
        return dbs;
    }

    /** Log fsyncs JE made since this environment opened; for metrics and tests. Any thread. */
    public long logFsyncs() {
        checkOpen();
        return dbs.env().getStats(null).getNLogFSyncs();
    }

    /** The databases in this environment (exactly unstable, committed, data, meta). */
    public List<String> databaseNames() {
        checkOpen();
        return dbs.env().getDatabaseNames();
    }

    /** Closes the databases and the environment. Idempotent. */
    @Override
    public void close() {
        logLock.lock();
        stateLock.lock();
        try {
            if (!closed) {
                closed = true;
                dbs.close();
            }
        } finally {
            stateLock.unlock();
            logLock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }

    /** Runs {@code work} in one JE transaction; see {@link Databases#inTransaction}. */
    void inTransaction(String what, TransactionConfig tc, Databases.TxnWork work) {
        dbs.inTransaction(what, tc, work);
    }
}
