package io.raftkv.calcite;

import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes and reads of one open transaction (auto-commit off) or one folded
 * {@code executeBatch}. Not thread-safe: owned by one {@link KvSession}, which locks.
 */
final class TxBuffer {

    /**
     * A buffered write: the key's final value in this transaction ({@code null} = deleted) and the
     * condition the first write put on the store's state.
     */
    record Pending(byte[] value, Condition condition) {
    }

    /** Final state per written key; one op per key at commit. */
    private final NavigableMap<byte[], Pending> writes = new TreeMap<>(Keys::compare);
    /** Per key read from the store (not from this buffer): what was seen, {@code null} = absent. */
    private final NavigableMap<byte[], KvEntry> reads = new TreeMap<>(Keys::compare);
    /** Keys read and seen absent (kept apart because {@link #reads} values cannot say "absent" and "unknown"). */
    private final NavigableMap<byte[], Boolean> absentReads = new TreeMap<>(Keys::compare);

    boolean isEmpty() {
        return writes.isEmpty() && reads.isEmpty() && absentReads.isEmpty();
    }

    boolean hasWrites() {
        return !writes.isEmpty();
    }

    /** The buffered state of {@code key}, or null if this transaction has not written it. */
    Pending pending(byte[] key) {
        return writes.get(key);
    }

    /** Buffered writes with keys inside {@code request}'s bounds, ascending. */
    NavigableMap<byte[], Pending> pendingIn(ScanRequest request) {
        NavigableMap<byte[], Pending> in = new TreeMap<>(Keys::compare);
        for (var e : writes.entrySet()) {
            if (request.contains(e.getKey())) {
                in.put(e.getKey(), e.getValue());
            }
        }
        return in;
    }

    /** Remembers the first version of {@code key} read from the store; {@code seen} null = absent. */
    void recordRead(byte[] key, KvEntry seen) {
        if (writes.containsKey(key) || reads.containsKey(key) || absentReads.containsKey(key)) {
            return;
        }
        if (seen == null) {
            absentReads.put(key, Boolean.TRUE);
        } else {
            reads.put(key, seen);
        }
    }

    /**
     * Buffers {@code op}. Its condition is checked now against an earlier buffered write of the
     * same key; otherwise it is kept for the store to check at commit.
     *
     * @throws DuplicateKeyException  if an INSERT meets a key this transaction already wrote
     * @throws WriteConflictException if another condition fails against the buffered state
     */
    void add(Op op) {
        byte[] value = op instanceof Put p ? p.value() : null;
        Pending earlier = writes.get(op.key());
        if (earlier == null) {
            writes.put(op.key(), new Pending(value, op.condition()));
            return;
        }
        boolean present = earlier.value() != null;
        Condition c = op.condition();
        boolean holds = c instanceof Condition.None
                || (c instanceof Condition.Absent && !present)
                || (c instanceof Condition.Exists && present)
                || (c instanceof Condition.ValueEquals v && present && java.util.Arrays.equals(v.expected(), earlier.value()))
                || (c instanceof Condition.ModIndexEquals);
        if (!holds) {
            if (c instanceof Condition.Absent) {
                throw new DuplicateKeyException("key '" + Keys.decode(op.key())
                        + "' was already written by this transaction; nothing of the statement was buffered");
            }
            throw new WriteConflictException("key '" + Keys.decode(op.key())
                    + "' changed within this transaction between read and write");
        }
        writes.put(op.key(), new Pending(value, earlier.condition()));
    }

    /**
     * The ops of the commit batch: one per written key, guarded by the version read if it was read;
     * one guard op per key only read (a delete-if-still-absent, or a rewrite of the same value if
     * its modification index is unchanged).
     */
    List<Op> toOps() {
        List<Op> ops = new ArrayList<>();
        for (var e : writes.entrySet()) {
            byte[] key = e.getKey();
            Condition c = guard(key, e.getValue().condition());
            byte[] value = e.getValue().value();
            ops.add(value == null ? new Delete(key, c) : new Put(key, value, c));
        }
        for (var e : reads.entrySet()) {
            if (!writes.containsKey(e.getKey())) {
                ops.add(new Put(e.getKey(), e.getValue().value(),
                        new Condition.ModIndexEquals(e.getValue().modIndex())));
            }
        }
        for (byte[] key : absentReads.keySet()) {
            if (!writes.containsKey(key)) {
                ops.add(new Delete(key, new Condition.ModIndexEquals(0)));
            }
        }
        return ops;
    }

    private Condition guard(byte[] key, Condition own) {
        KvEntry seen = reads.get(key);
        if (seen != null) {
            return new Condition.ModIndexEquals(seen.modIndex());
        }
        if (absentReads.containsKey(key)) {
            return new Condition.ModIndexEquals(0);
        }
        return own;
    }

    void clear() {
        writes.clear();
        reads.clear();
        absentReads.clear();
    }
}
