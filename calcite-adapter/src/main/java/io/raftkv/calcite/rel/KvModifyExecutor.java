package io.raftkv.calcite.rel;

import io.raftkv.calcite.CallOptions;
import io.raftkv.calcite.InvalidDataException;
import io.raftkv.calcite.KvSession;
import io.raftkv.calcite.KvTable;
import io.raftkv.calcite.Keys;
import io.raftkv.calcite.UnsupportedStatementException;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify;

/**
 * The run-time half of {@link KvTableModify}, stashed in the compiled plan: turns the statement's
 * rows into ops and hands them to the session as one atomic write. Immutable; thread-safe.
 */
public final class KvModifyExecutor {

    private final KvTable table;
    private final TableModify.Operation operation;
    private final boolean upsert;
    private final KeyCondition.Points keys;
    private final Operand newValue;

    KvModifyExecutor(KvTable table, TableModify.Operation operation, boolean upsert, KeyCondition.Points keys,
                     Operand newValue) {
        this.table = table;
        this.operation = operation;
        this.upsert = upsert;
        this.keys = keys;
        this.newValue = newValue;
    }

    /**
     * Writes the statement. Called by generated code on the executing thread; blocks until the
     * batch is applied (auto-commit) or buffered (transaction).
     *
     * @param root the execution's data context: parameters, timeout, cancel flag
     * @param rows the input rows: {key, value} for INSERT and DELETE, {key, old value, new value}
     *             for UPDATE; null for DELETE by keys
     * @return one row: the update count
     */
    public Enumerable<Long> execute(DataContext root, Enumerable<Object[]> rows) {
        KvSession session = table.session();
        CallOptions options = session.callOptions(root);
        List<Op> ops = new ArrayList<>();
        if (keys != null) {
            long done = writeKeys(session, options, root, ops);
            if (done >= 0) {
                return Linq4j.singletonEnumerable(done);
            }
        } else {
            for (Object[] row : rows) {
                options.checkLive();
                Op op = operation == TableModify.Operation.MERGE ? mergeOp(row) : op(row);
                if (op != null) {
                    ops.add(op);
                }
            }
        }
        return Linq4j.singletonEnumerable(session.write(ops, options));
    }

    private Op op(Object[] row) {
        byte[] key = Keys.encode((String) row[0]);
        switch (operation) {
            case INSERT:
                byte[] value = value(row[1]);
                return upsert ? Put.of(key, value) : Put.ifAbsent(key, value);
            case UPDATE:
                return new Put(key, value(row[2]), new Condition.ValueEquals(value(row[1])));
            case DELETE:
                return new Delete(key, new Condition.ValueEquals(value(row[1])));
            default:
                throw new UnsupportedStatementException(operation + " is not supported; use UPSERT for"
                        + " insert-or-replace");
        }
    }

    /**
     * One row of MERGE (= put), laid out by {@link MergeRows}: {insert key, insert value,} target
     * key, target value, new value; the insert part only with a WHEN NOT MATCHED clause. A matched row puts the new value on the
     * target key; an unmatched row puts the insert values; null if neither applies.
     */
    private static Op mergeOp(Object[] row) {
        boolean hasInsert = row.length == 5;
        int t = hasInsert ? 2 : 0;
        if (row[t] != null) {
            return Put.of(Keys.encode((String) row[t]), value(row[t + 2]));
        }
        if (hasInsert && row[0] != null) {
            return Put.of(Keys.encode((String) row[0]), value(row[1]));
        }
        return null;
    }

    /**
     * Deletes or updates the listed keys without scanning. Deletes are unconditional and sent
     * without reading (the state machine reports which keys existed). An update of one key in
     * auto-commit mode is a put-if-exists sent without reading; updates of several keys read each
     * key (point gets) and guard each put with the modification index seen, because one absent key
     * must not fail the whole batch. In a transaction every key is read first so the count is right
     * and the read guards the commit.
     *
     * @return the update count if the write was already done here, else -1 (ops were added)
     */
    private long writeKeys(KvSession session, CallOptions options, DataContext root, List<Op> ops) {
        byte[] value = newValue == null ? null : value(newValue.resolve(root));
        TreeSet<byte[]> distinct = new TreeSet<>(Keys::compare);
        for (Operand o : keys.keys()) {
            Object v = o.resolve(root);
            if (v != null) {
                distinct.add(Keys.encodeBound(v.toString()));
            }
        }
        boolean buffering = session.buffering();
        if (value != null && !buffering && distinct.size() == 1) {
            return session.putIfExists(distinct.first(), value, options);
        }
        for (byte[] key : distinct) {
            if (value == null) {
                if (!buffering || session.get(key, options).isPresent()) {
                    ops.add(Delete.of(key));
                }
            } else {
                var seen = session.get(key, options);
                if (seen.isPresent()) {
                    ops.add(new Put(key, value, buffering ? Condition.EXISTS
                            : new Condition.ModIndexEquals(seen.get().modIndex())));
                }
            }
        }
        return -1;
    }

    private static byte[] value(Object v) {
        if (v == null) {
            throw new InvalidDataException(InvalidDataException.NULL_VALUE,
                    "value cannot be NULL: raftkv stores strings; use '' for an empty value", null);
        }
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }
}
