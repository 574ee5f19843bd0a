package io.raftkv.node.storage;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandResult;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.OpResult;
import io.raftkv.client.command.Put;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one command to {@code data} inside the caller's apply transaction. A command's ops
 * are first evaluated against an in-memory overlay (JE has no savepoints), so a batch whose
 * condition fails writes nothing; then the overlay is written. Deterministic: the result depends
 * only on the data and the entry index, so every replica computes the same.
 */
final class CommandApplier {

    private CommandApplier() {
    }

    static CommandResult apply(Transaction txn, Database data, Command command, long index) {
        // key -> state after the ops so far; Optional.empty() = absent
        Map<ByteBuffer, Optional<KeyValue>> overlay = new HashMap<>();
        List<OpResult> results = new ArrayList<>(command.ops().size());
        // the key's modIndex as each op found it, reported if the batch fails
        long[] foundMod = new long[command.ops().size()];
        int failed = -1;
        int i = 0;
        for (Op op : command.ops()) {
            ByteBuffer k = ByteBuffer.wrap(op.key());
            Optional<KeyValue> current = overlay.get(k);
            if (current == null) {
                current = read(txn, data, op.key());
            }
            boolean existed = current.isPresent();
            long currentMod = current.map(KeyValue::modIndex).orElse(0L);
            foundMod[i] = currentMod;
            if (!holds(op.condition(), current)) {
                if (failed < 0) {
                    failed = i;
                }
                results.add(new OpResult(false, existed, currentMod));
            } else if (op instanceof Put p) {
                long create = current.map(KeyValue::createIndex).orElse(index);
                overlay.put(k, Optional.of(new KeyValue(p.key(), p.value(), create, index)));
                results.add(new OpResult(true, existed, index));
            } else if (op instanceof Delete) {
                overlay.put(k, Optional.empty());
                results.add(new OpResult(true, existed, 0));
            }
            i++;
        }
        if (failed >= 0) {
            List<OpResult> none = new ArrayList<>(results.size());
            for (int j = 0; j < results.size(); j++) {
                none.add(new OpResult(false, results.get(j).existedBefore(), foundMod[j]));
            }
            return new CommandResult(false, failed, none);
        }
        for (Map.Entry<ByteBuffer, Optional<KeyValue>> e : overlay.entrySet()) {
            DatabaseEntry key = new DatabaseEntry(e.getKey().array());
            if (e.getValue().isPresent()) {
                KeyValue kv = e.getValue().get();
                data.put(txn, key, new DatabaseEntry(DataRecord.encode(kv.value(), kv.createIndex(), kv.modIndex())));
            } else {
                data.delete(txn, key);
            }
        }
        return new CommandResult(true, -1, results);
    }

    private static Optional<KeyValue> read(Transaction txn, Database data, byte[] key) {
        DatabaseEntry value = new DatabaseEntry();
        if (data.get(txn, new DatabaseEntry(key), value, LockMode.RMW) != OperationStatus.SUCCESS) {
            return Optional.empty();
        }
        return Optional.of(DataRecord.decode(key, value.getData()));
    }

    private static boolean holds(Condition c, Optional<KeyValue> current) {
        if (c instanceof Condition.None) {
            return true;
        }
        if (c instanceof Condition.Absent) {
            return current.isEmpty();
        }
        if (c instanceof Condition.Exists) {
            return current.isPresent();
        }
        if (c instanceof Condition.ValueEquals v) {
            return current.isPresent() && Arrays.equals(current.get().value(), v.expected());
        }
        if (c instanceof Condition.ModIndexEquals m) {
            return current.map(KeyValue::modIndex).orElse(0L) == m.modIndex();
        }
        throw new IllegalStateException("unknown condition " + c);
    }
}
