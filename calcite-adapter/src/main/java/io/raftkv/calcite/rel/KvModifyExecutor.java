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

    KvModifyExecutor(KvTable table, TableModify.Operation operation, boolean upsert, KeyCondition.Points keys) {
        this.table = table;
        this.operation = operation;
        this.upsert = upsert;
        this.keys = keys;
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
            deleteKeys(session, options, root, ops);
        } else {
            for (Object[] row : rows) {
                options.checkLive();
                ops.add(op(row));
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
     * Deletes the listed keys. In auto-commit mode without reading (the state machine reports which
     * existed); in a transaction each key is read first so the count is right and the read guards
     * the commit.
     */
    private void deleteKeys(KvSession session, CallOptions options, DataContext root, List<Op> ops) {
        TreeSet<byte[]> distinct = new TreeSet<>(Keys::compare);
        for (Operand o : keys.keys()) {
            Object v = o.resolve(root);
            if (v != null) {
                distinct.add(Keys.encodeBound(v.toString()));
            }
        }
        boolean buffering = session.buffering();
        for (byte[] key : distinct) {
            if (!buffering || session.get(key, options).isPresent()) {
                ops.add(Delete.of(key));
            }
        }
    }

    private static byte[] value(Object v) {
        if (v == null) {
            throw new InvalidDataException(InvalidDataException.NULL_VALUE,
                    "value cannot be NULL: raftkv stores strings; use '' for an empty value", null);
        }
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }
}
