package io.raftkv.chaos.check;

import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.node.check.Budget;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the three checks over a history: per-key linearizability of the registers, the set check
 * (no acknowledged insert lost) and atomicity of group batches and transactions.
 *
 * <p>Stateless; blocks for as long as the linearizability search takes (bounded by the budget per key).
 */
public final class Checker {

    private Checker() {
    }

    /**
     * @param history every completed operation, final reads included
     * @param budget  the linearizability search allowed per key
     */
    public static CheckOutcome check(List<HistoryOp> history, Budget budget) {
        RegisterCheck.Result registers = RegisterCheck.check(history, budget);
        SetCheck.Result set = SetCheck.check(history);
        AtomicityCheck.Result atomicity = AtomicityCheck.check(history);
        List<Anomaly> all = new ArrayList<>(registers.anomalies());
        all.addAll(set.anomalies());
        all.addAll(atomicity.anomalies());
        List<String> undecided = registers.undecided();
        return new CheckOutcome(all, registers.keys(), undecided.size(), undecided.subList(0, Math.min(10,
                undecided.size())), set.acknowledged(), atomicity.reads());
    }

    /**
     * Checks three tiny histories with one known violation each (a stale read, a lost insert, a
     * torn group read) and their repaired forms. Run at the start of every chaos run: it proves
     * the checkers still have teeth, and it loads their classes before the run, so a rebuild of
     * the tree during a long run cannot take them away.
     *
     * @throws IllegalStateException if a violation is missed or a clean history is flagged
     */
    public static void selfTest() {
        List<HistoryOp> bad = List.of(
                op(1, OpType.WRITE, "r/self", "v1", Outcome.OK, null, 0, 10),
                op(2, OpType.READ, "r/self", null, Outcome.OK, "", 20, 30),
                op(3, OpType.INSERT, "s/self", "x", Outcome.OK, "true", 0, 10),
                op(4, OpType.GROUP_WRITE, "g/self/", "t1", Outcome.OK, null, 0, 10),
                op(5, OpType.GROUP_READ, "g/self/", null, Outcome.OK, "g/self/0=t1", 20, 30),
                op(6, OpType.FINAL_READ, "s/", null, Outcome.OK, "", 40, 50));
        CheckOutcome found = check(bad, Budget.steps(100_000));
        List<String> kinds = found.anomalies().stream().map(Anomaly::check).sorted().toList();
        if (!kinds.equals(List.of("atomicity", "linearizability", "set"))) {
            throw new IllegalStateException("checker self-test: expected one anomaly of each check, found " + found);
        }
        List<HistoryOp> good = List.of(
                op(1, OpType.WRITE, "r/self", "v1", Outcome.OK, null, 0, 10),
                op(2, OpType.READ, "r/self", null, Outcome.OK, "v1", 20, 30),
                op(3, OpType.INSERT, "s/self", "x", Outcome.OK, "true", 0, 10),
                op(4, OpType.GROUP_WRITE, "g/self/", "t1", Outcome.OK, null, 0, 10),
                op(5, OpType.GROUP_READ, "g/self/", null, Outcome.OK, "g/self/0=t1;g/self/1=t1;g/self/2=t1", 20, 30),
                op(6, OpType.FINAL_READ, "s/", null, Outcome.OK, "s/self=x", 40, 50));
        CheckOutcome clean = check(good, Budget.steps(100_000));
        if (!clean.clean()) {
            throw new IllegalStateException("checker self-test: a clean history was flagged: " + clean);
        }
    }

    private static HistoryOp op(long id, OpType type, String key, String value, Outcome outcome, String result,
            long t0, long t1) {
        return new HistoryOp(id, "self-test", type, key, value, null, outcome, result, t0, t1);
    }
}
