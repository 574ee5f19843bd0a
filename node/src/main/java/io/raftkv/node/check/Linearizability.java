package io.raftkv.node.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a recorded history of key-value operations is linearizable: whether every
 * operation can be given one instant between its invocation and its return such that, in the order
 * of those instants, each output is what a single in-memory map would have produced (Herlihy and
 * Wing 1990). Used by the deterministic simulator and the fault-injection tests to check raftkv's
 * central promise.
 *
 * <p><b>Model.</b> Keys are independent registers (a history is linearizable iff each key's
 * sub-history is), so each key is checked alone. A key holds a value or is absent, and starts
 * absent:
 * <ul>
 *   <li>GET returning v is legal iff v equals the state;</li>
 *   <li>PUT v is always legal; the state becomes v;</li>
 *   <li>DELETE returning existed is legal iff existed equals (state is not absent); the state
 *       becomes absent;</li>
 *   <li>CAS (e, n) returning ok is legal iff ok equals (state equals e); if so the state becomes n;</li>
 *   <li>PUT_IF_ABSENT v is CAS (absent, v).</li>
 * </ul>
 * An operation with an unknown outcome accepts any output and may take effect at any instant
 * after its invocation, or never; an unknown GET is ignored. Operations with equal times count as
 * concurrent.
 *
 * <p><b>Search.</b> Wing and Gong's backtracking with Lowe's memoisation of (linearized set,
 * state), per key, within a {@link Budget}. The problem is NP-complete; it stays fast when written
 * values are unique and keys hold a few hundred operations each. Repeated values and long keys can
 * exhaust the budget, which yields {@link Verdict#UNKNOWN}, never a wrong verdict.
 *
 * <p><b>Threads.</b> Stateless: any thread may call it, concurrently. It allocates memory in
 * proportion to the states explored and does no I/O; it reads the clock only for the time budget.
 */
public final class Linearizability {

    private Linearizability() {
    }

    /** {@link #check(List, Budget)} with {@link Budget#DEFAULT}. */
    public static CheckResult check(List<Operation> history) {
        return check(history, Budget.DEFAULT);
    }

    /**
     * Checks a history, key by key in key order, stopping at the first key that is not
     * linearizable.
     *
     * <p>Blocks the calling thread for up to the budget per key, times the number of keys.
     *
     * @param history every operation that may have taken effect, in any order; definite failures
     *     (requests rejected before proposing) must be left out, see {@link Operation}
     * @param budget the search allowed per key
     * @return LINEARIZABLE, NOT_LINEARIZABLE with the first failing key and an explanation, or
     *     UNKNOWN naming the first key whose budget ran out (when no key failed)
     * @throws NullPointerException if history, an element of it, or budget is null
     * @throws IllegalArgumentException if two operations share an id
     */
    public static CheckResult check(List<Operation> history, Budget budget) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(budget, "budget");
        Map<String, List<Operation>> byKey = new TreeMap<>();
        Set<Long> ids = new HashSet<>();
        for (Operation op : history) {
            Objects.requireNonNull(op, "history contains a null operation");
            if (!ids.add(op.id())) {
                throw new IllegalArgumentException("operation id " + op.id()
                        + " occurs twice; give every recorded operation its own id");
            }
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        long steps = 0;
        int keysChecked = 0;
        WglSearch.Outcome firstUnknown = null;
        String unknownKey = null;
        int unknownKeys = 0;
        for (Map.Entry<String, List<Operation>> key : byKey.entrySet()) {
            WglSearch.Outcome outcome = WglSearch.run(KeyHistory.of(key.getKey(), key.getValue()), budget);
            steps += outcome.steps();
            keysChecked++;
            if (outcome.verdict() == Verdict.NOT_LINEARIZABLE) {
                return new CheckResult(Verdict.NOT_LINEARIZABLE, key.getKey(), outcome.explanation(),
                        outcome.evidence(), keysChecked, steps);
            }
            if (outcome.verdict() == Verdict.UNKNOWN) {
                unknownKeys++;
                if (firstUnknown == null) {
                    firstUnknown = outcome;
                    unknownKey = key.getKey();
                }
            }
        }
        if (firstUnknown != null) {
            String text = firstUnknown.explanation()
                    + (unknownKeys > 1 ? " (" + unknownKeys + " keys ran out of budget)" : "");
            return new CheckResult(Verdict.UNKNOWN, unknownKey, text, List.of(), keysChecked, steps);
        }
        return new CheckResult(Verdict.LINEARIZABLE, null, "all " + keysChecked + " keys are linearizable",
                List.of(), keysChecked, steps);
    }
}
