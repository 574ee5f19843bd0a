package io.raftkv.chaos.check;

import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set check: every acknowledged insert of a fresh key under {@link Workload#SET_PREFIX} is in
 * the final read; nothing is in it that was never inserted or whose insert definitely failed; an
 * insert of a fresh key never answers "already there". Unknown inserts may be present or not.
 *
 * <p>Stateless.
 */
public final class SetCheck {

    private SetCheck() {
    }

    /** Result of {@link #check}: anomalies and how many acknowledged inserts were looked for. */
    record Result(List<Anomaly> anomalies, int acknowledged) {
    }

    static Result check(List<HistoryOp> history) {
        List<Anomaly> anomalies = new ArrayList<>();
        Map<String, HistoryOp> inserts = new HashMap<>();
        HistoryOp finalRead = null;
        for (HistoryOp op : history) {
            if (op.type() == OpType.INSERT && op.key().startsWith(Workload.SET_PREFIX)) {
                inserts.put(op.key(), op);
            } else if (op.type() == OpType.FINAL_READ && op.key().equals(Workload.SET_PREFIX)
                    && op.outcome() == Outcome.OK) {
                finalRead = op;
            }
        }
        if (finalRead == null) {
            anomalies.add(new Anomaly("set", Workload.SET_PREFIX, "no final read succeeded, so lost inserts cannot"
                    + " be ruled out; see the run log for why the cluster did not answer after healing"));
            return new Result(anomalies, 0);
        }
        Set<String> present = new HashSet<>(keysOf(finalRead.result()));
        int acknowledged = 0;
        for (HistoryOp insert : inserts.values()) {
            if (insert.outcome() == Outcome.OK) {
                if (!insert.resultTrue()) {
                    anomalies.add(new Anomaly("set", insert.key(), "insert #" + insert.id()
                            + " of a fresh key answered 'already present'"));
                    continue;
                }
                acknowledged++;
                if (!present.contains(insert.key())) {
                    anomalies.add(new Anomaly("set", insert.key(), "acknowledged insert #" + insert.id()
                            + " (done at " + millis(insert.completeNanos()) + ") is missing from the final read"));
                }
            } else if (insert.outcome() == Outcome.FAIL && present.contains(insert.key())) {
                anomalies.add(new Anomaly("set", insert.key(), "insert #" + insert.id()
                        + " failed definitely, yet the key is present"));
            }
        }
        for (String key : present) {
            if (!inserts.containsKey(key)) {
                anomalies.add(new Anomaly("set", key, "present in the final read but never inserted"));
            }
        }
        return new Result(anomalies, acknowledged);
    }

    /** Keys of an encoded read ("k=v;k=v"). */
    static List<String> keysOf(String encoded) {
        List<String> keys = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return keys;
        }
        for (String pair : encoded.split(";")) {
            keys.add(pair.substring(0, pair.indexOf('=')));
        }
        return keys;
    }

    static String millis(long nanos) {
        return (nanos / 1_000_000) + " ms";
    }
}
