package io.raftkv.node.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of one key compiled for the search: values interned to ints, and the call and
 * return events of every operation sorted by time into one sequence of entries.
 *
 * <p>Entry {@code e} with {@code e < size()} stands for the call of operation {@code e}; entry
 * {@code size() + i} for the return of operation {@code i}. {@link #order()} lists entries by time,
 * calls before returns on equal times, so an operation that returns at the instant another is
 * invoked counts as concurrent with it (the lenient reading of a tie).
 */
final class KeyHistory {

    final String key;
    /** Index i is operation i; never contains an unknown GET (it constrains nothing). */
    final Operation[] ops;
    final OpKind[] kinds;
    final int[] values;
    final int[] expecteds;
    final int[] reads;
    final boolean[] oks;
    final boolean[] unknowns;
    /**
     * Operations that leave the state as it is whenever their recorded output is legal: GET,
     * failed CAS and PUT_IF_ABSENT, DELETE of an absent key. Only known outcomes qualify.
     */
    final boolean[] pure;
    /** Number of operations with a known outcome; the search succeeds once all are linearized. */
    final int definiteCount;
    /** All 2 * size() entries in time order. */
    private final int[] order;
    /** Interned code to value; index 0 is ABSENT. */
    private final List<String> valueNames = new ArrayList<>();

    private KeyHistory(String key, List<Operation> operations) {
        this.key = key;
        int n = operations.size();
        ops = operations.toArray(new Operation[0]);
        kinds = new OpKind[n];
        values = new int[n];
        expecteds = new int[n];
        reads = new int[n];
        oks = new boolean[n];
        unknowns = new boolean[n];
        pure = new boolean[n];
        Map<String, Integer> codes = new HashMap<>();
        valueNames.add(null);
        int definite = 0;
        for (int i = 0; i < n; i++) {
            Operation op = ops[i];
            kinds[i] = op.kind();
            values[i] = intern(codes, op.value());
            expecteds[i] = intern(codes, op.expected());
            reads[i] = intern(codes, op.read());
            oks[i] = op.ok();
            unknowns[i] = op.isUnknown();
            pure[i] = !unknowns[i] && (op.kind() == OpKind.GET || (op.kind() != OpKind.PUT && !op.ok()));
            if (!unknowns[i]) {
                definite++;
            }
        }
        definiteCount = definite;
        order = sortEntries(ops);
    }

    /**
     * Compiles the operations of one key, dropping unknown GETs.
     *
     * @param operations all on {@code key}, in any order
     */
    static KeyHistory of(String key, List<Operation> operations) {
        List<Operation> kept = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            if (!(op.isUnknown() && op.kind() == OpKind.GET)) {
                kept.add(op);
            }
        }
        return new KeyHistory(key, kept);
    }

    int size() {
        return ops.length;
    }

    /** Entries in time order; the caller must not modify the array. */
    int[] order() {
        return order;
    }

    /** Applies operation {@code op} to {@code state}; see {@link RegisterModel#step}. */
    int step(int op, int state) {
        return RegisterModel.step(kinds[op], values[op], expecteds[op], reads[op], oks[op], unknowns[op], state);
    }

    /** The value an interned code stands for, quoted, or ABSENT. */
    String valueName(int code) {
        return Operation.show(valueNames.get(code));
    }

    int distinctValues() {
        return valueNames.size() - 1;
    }

    private int intern(Map<String, Integer> codes, String value) {
        if (value == null) {
            return RegisterModel.ABSENT;
        }
        return codes.computeIfAbsent(value, v -> {
            valueNames.add(v);
            return valueNames.size() - 1;
        });
    }

    private static int[] sortEntries(Operation[] ops) {
        int n = ops.length;
        Integer[] entries = new Integer[2 * n];
        for (int e = 0; e < 2 * n; e++) {
            entries[e] = e;
        }
        Comparator<Integer> byTime = Comparator.comparingLong(e -> e < n ? ops[e].invokeTime() : ops[e - n].returnTime());
        // Calls before returns on ties; then by operation index so the order is deterministic.
        Arrays.sort(entries, byTime.thenComparingInt(e -> e < n ? 0 : 1).thenComparingInt(e -> e % n));
        int[] sorted = new int[2 * n];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = entries[i];
        }
        return sorted;
    }
}
