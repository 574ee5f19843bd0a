package io.raftkv.chaos.check;

import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.workload.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Atomicity of batches and transactions: the keys of a group are only ever written together, so
 * every consistent read of a group must show all of its keys with one value, or none of them; and
 * that value must come from a group write or transaction that was attempted and did not
 * definitely fail. A partial batch, a torn read or a value from nowhere is an anomaly.
 *
 * <p>Stateless.
 */
public final class AtomicityCheck {

    private AtomicityCheck() {
    }

    /** Result of {@link #check}: anomalies and how many group reads were looked at. */
    record Result(List<Anomaly> anomalies, int reads) {
    }

    static Result check(List<HistoryOp> history) {
        Set<String> written = new HashSet<>();
        for (HistoryOp op : history) {
            if ((op.type() == OpType.GROUP_WRITE || op.type() == OpType.GROUP_CAS) && op.outcome() != Outcome.FAIL) {
                written.add(op.value());
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        int reads = 0;
        for (HistoryOp op : history) {
            if (op.outcome() != Outcome.OK) {
                continue;
            }
            if (op.type() == OpType.GROUP_READ) {
                reads++;
                check(op, Map.of(op.key(), parse(op.result())), written, anomalies);
            } else if (op.type() == OpType.FINAL_READ && op.key().equals(Workload.GROUP_PREFIX)) {
                reads++;
                check(op, byGroup(parse(op.result())), written, anomalies);
            }
        }
        return new Result(anomalies, reads);
    }

    private static void check(HistoryOp read, Map<String, Map<String, String>> groups, Set<String> written,
            List<Anomaly> anomalies) {
        for (Map.Entry<String, Map<String, String>> g : groups.entrySet()) {
            Map<String, String> entries = g.getValue();
            if (entries.isEmpty()) {
                continue;
            }
            Set<String> values = new HashSet<>(entries.values());
            if (entries.size() != Workload.GROUP_SIZE || values.size() != 1) {
                anomalies.add(new Anomaly("atomicity", g.getKey(), "read #" + read.id() + " at "
                        + SetCheck.millis(read.completeNanos()) + " saw a partial group: " + entries));
            } else if (!written.contains(values.iterator().next())) {
                anomalies.add(new Anomaly("atomicity", g.getKey(), "read #" + read.id() + " saw value "
                        + values.iterator().next() + " that no attempted group write wrote"));
            }
        }
    }

    /** Key-value pairs of an encoded read ("k=v;k=v"), in order. */
    static Map<String, String> parse(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split(";")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    /** Splits a read of many groups by group prefix ("g/000007/"). */
    static Map<String, Map<String, String>> byGroup(Map<String, String> entries) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.computeIfAbsent(k.substring(0, k.lastIndexOf('/') + 1),
                g -> new LinkedHashMap<>()).put(k, v));
        return out;
    }
}
