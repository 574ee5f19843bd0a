package io.raftkv.calcite;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandLimits;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.LimitExceededException;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * One JDBC connection's view of the store: its defaults (read consistency, timeout), its
 * auto-commit mode and its open transaction. Reads see the transaction's buffered writes; writes
 * go to the store at once in auto-commit mode, else into the buffer until {@link #commit}.
 *
 * <p>Threads: a connection is used by one thread at a time; methods lock the session so a
 * {@code cancel()} or close from another thread sees a consistent state.
 */
public final class KvSession implements AutoCloseable {

    /** modIndex reported for an entry served from the transaction's buffer (not yet committed). */
    public static final long PENDING_MOD_INDEX = Long.MAX_VALUE;

    private final KvStore store;
    private final boolean ownsStore;
    private final ReadConsistency consistency;
    /** Default statement timeout in milliseconds, at least 1. */
    private final long timeoutMillis;
    private final CommandLimits limits;
    /** Buffered writes and guarded reads; empty whenever auto-commit is on and no batch is folding. */
    private final TxBuffer tx = new TxBuffer();
    private boolean autoCommit = true;
    /** Nesting depth of {@link #beginFold()}; above 0, auto-commit writes are buffered too. */
    private int folding;

    /**
     * @param store         the store to use
     * @param ownsStore     true to close the store with the session
     * @param consistency   default read consistency
     * @param timeoutMillis default statement timeout, at least 1
     * @param limits        key, value and batch size limits checked before sending
     */
    public KvSession(KvStore store, boolean ownsStore, ReadConsistency consistency, long timeoutMillis,
                     CommandLimits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.ownsStore = ownsStore;
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMs must be at least 1, was " + timeoutMillis);
        }
        this.timeoutMillis = timeoutMillis;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The default read consistency of this connection. */
    public ReadConsistency consistency() {
        return consistency;
    }

    /**
     * Call options for one statement execution: {@code setQueryTimeout} (Calcite's
     * {@code timeout} variable, ms) if set, else the connection's {@code timeoutMs}; the
     * statement's cancel flag.
     */
    public CallOptions callOptions(DataContext root) {
        Object timeout = root == null ? null : root.get(DataContext.Variable.TIMEOUT.camelName);
        long ms = timeout instanceof Number n && n.longValue() > 0 ? n.longValue() : timeoutMillis;
        Object flag = root == null ? null : root.get(DataContext.Variable.CANCEL_FLAG.camelName);
        AtomicBoolean cancelled = flag instanceof AtomicBoolean b ? b : new AtomicBoolean();
        return CallOptions.within(consistency, ms, cancelled);
    }

    /** Call options with the connection's defaults, for calls outside a statement. */
    public CallOptions defaultCallOptions() {
        return callOptions(null);
    }

    /**
     * Reads one key, through the open transaction's buffer.
     *
     * @return the entry ({@link #PENDING_MOD_INDEX} if buffered), or empty if absent
     */
    public synchronized Optional<KvEntry> get(byte[] key, CallOptions options) {
        if (buffering()) {
            TxBuffer.Pending p = tx.pending(key);
            if (p != null) {
                return p.value() == null ? Optional.empty()
                        : Optional.of(new KvEntry(key, p.value(), PENDING_MOD_INDEX));
            }
        }
        Optional<KvEntry> found = store.get(key, options);
        if (!autoCommit) {
            tx.recordRead(key, found.orElse(null));
        }
        return found;
    }

    /**
     * Reads one page of a scan, through the open transaction's buffer. When buffered writes fall in
     * the range, the whole range is read and merged into one page ({@code more = false}).
     */
    public synchronized ScanPage scan(ScanRequest request, CallOptions options) {
        Map<byte[], TxBuffer.Pending> pending = buffering() ? tx.pendingIn(request) : Map.of();
        if (pending.isEmpty()) {
            ScanPage page = store.scan(request, options);
            recordReads(page.entries());
            return page;
        }
        TreeMap<byte[], KvEntry> merged = new TreeMap<>(Keys::compare);
        ScanRequest r = new ScanRequest(request.lower(), request.lowerInclusive(), request.upper(),
                request.upperInclusive(), false, ScanRequest.MAX_PAGE, null);
        while (true) {
            options.checkLive();
            ScanPage page = store.scan(r, options);
            recordReads(page.entries());
            for (KvEntry e : page.entries()) {
                merged.put(e.key(), e);
            }
            if (!page.more() || page.entries().isEmpty()) {
                break;
            }
            r = r.next(page.entries().get(page.entries().size() - 1).key(), ScanRequest.MAX_PAGE);
        }
        pending.forEach((k, p) -> {
            if (p.value() == null) {
                merged.remove(k);
            } else {
                merged.put(k, new KvEntry(k, p.value(), PENDING_MOD_INDEX));
            }
        });
        List<KvEntry> out = new ArrayList<>(request.reverse() ? merged.descendingMap().values() : merged.values());
        if (request.resumeAfter() != null) {
            out.removeIf(e -> {
                int c = Keys.compare(e.key(), request.resumeAfter());
                return request.reverse() ? c >= 0 : c <= 0;
            });
        }
        return new ScanPage(out, false);
    }

    private void recordReads(List<KvEntry> entries) {
        if (!autoCommit) {
            for (KvEntry e : entries) {
                tx.recordRead(e.key(), e);
            }
        }
    }

    /**
     * Writes the ops of one statement: at once as one atomic batch in auto-commit mode, else into
     * the transaction's buffer.
     *
     * @return the update count: from the state machine's results when sent now, the number of
     *         ops when buffered
     * @throws DuplicateKeyException  if an INSERT met an existing key (nothing written)
     * @throws WriteConflictException if a guarded key changed since it was read (nothing written)
     * @throws InvalidDataException   if a key or value is over its limit (nothing written)
     * @throws StatementTooLargeException if the batch is over maxOpsPerBatch or maxBatchBytes
     *                                (nothing written)
     */
    public synchronized long write(List<Op> ops, CallOptions options) {
        if (ops.isEmpty()) {
            return 0;
        }
        checkLimits(ops);
        if (buffering()) {
            for (Op op : ops) {
                tx.add(op);
            }
            return ops.size();
        }
        return send(ops, options);
    }

    /**
     * Sets an existing key without reading it first (UPDATE of one key in auto-commit mode).
     *
     * @return 1 if the key existed and was set, 0 if it was absent (nothing written)
     * @throws IllegalStateException if called while buffering (a transaction must read the key)
     */
    public synchronized long putIfExists(byte[] key, byte[] value, CallOptions options) {
        if (buffering()) {
            throw new IllegalStateException("putIfExists is for auto-commit mode; a transaction reads the key first");
        }
        Put put = new Put(key, value, Condition.EXISTS);
        checkLimits(List.of(put));
        options.checkLive();
        CommandResult result = store.execute(Command.of(put), options);
        return result.applied() ? result.changedCount() : 0;
    }

    /** True while writes go to the buffer instead of the store. */
    public synchronized boolean buffering() {
        return !autoCommit || folding > 0;
    }

    /**
     * Commits the open transaction: one batch of the buffered writes, guarded by the versions of
     * the keys read. The buffer is empty afterwards whatever the outcome.
     *
     * @throws WriteConflictException if a key read or written changed meanwhile (nothing written)
     * @throws DuplicateKeyException  if an INSERT's key was created meanwhile (nothing written)
     * @throws StatementTooLargeException if the transaction's batch is over maxOpsPerBatch or
     *                                maxBatchBytes (nothing written)
     */
    public synchronized void commit(CallOptions options) {
        try {
            if (tx.hasWrites()) {
                send(tx.toOps(), options);
            }
        } finally {
            tx.clear();
        }
    }

    /** Discards the open transaction's writes and read guards. */
    public synchronized void rollback() {
        tx.clear();
    }

    /** Whether each statement commits by itself (the JDBC default). */
    public synchronized boolean autoCommit() {
        return autoCommit;
    }

    /**
     * Switches auto-commit; switching it on commits the open transaction first (JDBC rule).
     */
    public synchronized void setAutoCommit(boolean on) {
        if (on && !autoCommit) {
            commit(defaultCallOptions());
        }
        autoCommit = on;
    }

    /** Starts folding the statements of an {@code executeBatch} into one batch. */
    public synchronized void beginFold() {
        folding++;
    }

    /**
     * Ends a fold: in auto-commit mode sends the folded writes as one batch, or discards them when
     * {@code success} is false. With auto-commit off the writes stay in the transaction.
     */
    public synchronized void endFold(boolean success, CallOptions options) {
        folding--;
        if (folding > 0 || !autoCommit) {
            return;
        }
        if (success) {
            commit(options);
        } else {
            tx.clear();
        }
    }

    /** Checks that the store answers (for {@code Connection.isValid}). */
    public void ping(CallOptions options) {
        store.ping(options);
    }

    private long send(List<Op> ops, CallOptions options) {
        options.checkLive();
        Command command = Command.batch(ops);
        try {
            limits.check(command);
            limits.checkEncoded(CommandCodec.encode(command));
        } catch (LimitExceededException e) {
            throw StatementTooLargeException.of(e);
        }
        CommandResult result = store.execute(command, options);
        if (!result.applied()) {
            Op failed = ops.get(result.failedOp());
            String key = Keys.decode(failed.key());
            if (failed.condition() instanceof Condition.Absent) {
                throw new DuplicateKeyException("key '" + key + "' already exists; nothing of the statement was"
                        + " written (use UPSERT to overwrite)");
            }
            if (failed.condition() instanceof Condition.ValueEquals v
                    && readLossily(failed.key(), v.expected(), options)) {
                throw new InvalidDataException(InvalidDataException.BAD_CHARACTER, "key '" + key + "' holds a value"
                        + " that is not valid UTF-8 (written by a non-SQL client); SQL reads it with U+FFFD and"
                        + " cannot update or delete it by value; nothing was written. Use the Java client for"
                        + " binary values, or name the key in the statement (WHERE key = ...)", null);
            }
            throw new WriteConflictException("key '" + key + "' changed after it was read ("
                    + failed.condition() + " failed); nothing was written, retry the statement or transaction");
        }
        return result.changedCount();
    }

    /**
     * Whether a value guard failed only because SQL saw the stored value through the lossy UTF-8
     * decoding ({@link Keys#decode}): the stored bytes differ from the guard's but decode to the
     * same string. Then retrying can never succeed. Costs one read, on the failure path only.
     */
    private boolean readLossily(byte[] key, byte[] expected, CallOptions options) {
        Optional<KvEntry> now = store.get(key, options);
        return now.isPresent() && !java.util.Arrays.equals(now.get().value(), expected)
                && Keys.decode(now.get().value()).equals(Keys.decode(expected));
    }

    private void checkLimits(List<Op> ops) {
        try {
            limits.check(Command.batch(ops));
        } catch (LimitExceededException e) {
            throw StatementTooLargeException.of(e);
        }
        for (Op op : ops) {
            if (op instanceof Put p && p.value() == null) {
                throw new InvalidDataException(InvalidDataException.NULL_VALUE, "value cannot be NULL", null);
            }
        }
    }

    /** Discards any open transaction and closes the store if this session owns it. */
    @Override
    public synchronized void close() {
        tx.clear();
        if (ownsStore) {
            store.close();
        }
    }
}
