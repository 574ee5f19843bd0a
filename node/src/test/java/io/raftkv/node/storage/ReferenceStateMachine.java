package io.raftkv.node.storage;

import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.Condition;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A second, naive implementation of the command semantics (copy the map, apply, keep the copy
 * only if every condition held), to check {@code data} against a replay of the log.
 */
final class ReferenceStateMachine {

    /** key (ISO-8859-1 string, byte-preserving) -> [value, createIndex, modIndex]. */
    private Map<String, Object[]> state = new TreeMap<>();

    void apply(LogEntry e) throws CodecException {
        if (e.type() != EntryType.COMMAND) {
            return;
        }
        Command c = CommandCodec.decode(e.payload());
        Map<String, Object[]> next = new TreeMap<>(state);
        for (Op op : c.ops()) {
            String k = new String(op.key(), StandardCharsets.ISO_8859_1);
            Object[] cur = next.get(k);
            if (!holds(op.condition(), cur)) {
                return;
            }
            if (op instanceof Put p) {
                next.put(k, new Object[] {p.value(), cur == null ? e.index() : cur[1], e.index()});
            } else {
                next.remove(k);
            }
        }
        state = next;
    }

    private static boolean holds(Condition c, Object[] cur) {
        if (c instanceof Condition.None) {
            return true;
        } else if (c instanceof Condition.Absent) {
            return cur == null;
        } else if (c instanceof Condition.Exists) {
            return cur != null;
        } else if (c instanceof Condition.ValueEquals v) {
            return cur != null && Arrays.equals((byte[]) cur[0], v.expected());
        } else if (c instanceof Condition.ModIndexEquals m) {
            return (cur == null ? 0L : (long) cur[2]) == m.modIndex();
        }
        throw new IllegalStateException("unknown condition " + c);
    }

    /** The state as "key=value@create/mod" lines, in key order. */
    String render() {
        StringBuilder sb = new StringBuilder();
        state.forEach((k, v) -> sb.append(k).append('=').append(new String((byte[]) v[0], StandardCharsets.ISO_8859_1))
                .append('@').append(v[1]).append('/').append(v[2]).append('\n'));
        return sb.toString();
    }

    /** The same rendering of a store's data. */
    static String render(JeStorage s) {
        StringBuilder sb = new StringBuilder();
        for (KeyValue kv : s.scan(ScanRequest.all().withLimit(Integer.MAX_VALUE)).items()) {
            sb.append(new String(kv.key(), StandardCharsets.ISO_8859_1)).append('=')
                    .append(new String(kv.value(), StandardCharsets.ISO_8859_1))
                    .append('@').append(kv.createIndex()).append('/').append(kv.modIndex()).append('\n');
        }
        return sb.toString();
    }
}
