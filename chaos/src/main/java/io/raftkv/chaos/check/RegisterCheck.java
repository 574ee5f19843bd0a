package io.raftkv.chaos.check;

import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.workload.Workload;
import io.raftkv.node.check.Budget;
import io.raftkv.node.check.CheckResult;
import io.raftkv.node.check.Linearizability;
import io.raftkv.node.check.Operation;
import io.raftkv.node.check.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-key linearizability of the register operations (keys under {@link Workload#REGISTER_PREFIX}),
 * by the node module's Wing-Gong-Lowe checker. Definite failures and failed reads are left out;
 * unknown writes may have happened at any time after their invocation, or never.
 *
 * <p>Stateless; blocks for up to the budget per key.
 */
public final class RegisterCheck {

    private RegisterCheck() {
    }

    /** Result of {@link #check}: anomalies, keys checked and keys the budget did not decide. */
    record Result(List<Anomaly> anomalies, int keys, List<String> undecided) {
    }

    static Result check(List<HistoryOp> history, Budget budget) {
        Map<String, List<Operation>> byKey = new TreeMap<>();
        for (HistoryOp op : history) {
            if (!op.key().startsWith(Workload.REGISTER_PREFIX)) {
                continue;
            }
            Operation converted = convert(op);
            if (converted != null) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(converted);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (Map.Entry<String, List<Operation>> e : byKey.entrySet()) {
            CheckResult r = Linearizability.check(e.getValue(), budget);
            if (r.verdict() == Verdict.NOT_LINEARIZABLE) {
                anomalies.add(new Anomaly("linearizability", e.getKey(), r.explanation()));
            } else if (r.verdict() == Verdict.UNKNOWN) {
                undecided.add(e.getKey());
            }
        }
        return new Result(anomalies, byKey.size(), undecided);
    }

    /** The checker's form of an operation, or null if it constrains nothing (a failed read, a definite failure). */
    static Operation convert(HistoryOp op) {
        if (op.outcome() == Outcome.FAIL) {
            return null;
        }
        boolean unknown = op.outcome() == Outcome.UNKNOWN;
        long t0 = op.invokeNanos();
        long t1 = op.completeNanos();
        Operation out = switch (op.type()) {
            case READ -> unknown ? null
                    : Operation.get(op.id(), op.client(), op.key(), op.result().isEmpty() ? null : op.result(), t0, t1);
            case WRITE -> Operation.put(op.id(), op.client(), op.key(), op.value(), t0, t1);
            case CAS -> Operation.cas(op.id(), op.client(), op.key(), op.expected(), op.value(), op.resultTrue(), t0, t1);
            case DELETE -> Operation.delete(op.id(), op.client(), op.key(), op.resultTrue(), t0, t1);
            case INSERT -> Operation.putIfAbsent(op.id(), op.client(), op.key(), op.value(), op.resultTrue(), t0, t1);
            default -> null;
        };
        return out != null && unknown ? out.withUnknownOutcome() : out;
    }
}
