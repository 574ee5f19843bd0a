package io.raftkv.node.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/** Turns planned executions into recorded histories, and breaks them on purpose. */
final class Executions {

    private Executions() {
    }

    /**
     * Applies the planned operations in order of their linearization points (ties by list order)
     * to a map and records what each would have returned. Operation ids are list indices.
     */
    static List<Operation> materialize(List<PlannedOp> plan) {
        Map<String, String> store = new HashMap<>();
        Operation[] recorded = new Operation[plan.size()];
        int[] byPoint = IntStream.range(0, plan.size()).boxed()
                .sorted(Comparator.comparingLong(i -> plan.get(i).linearizeAt()))
                .mapToInt(Integer::intValue).toArray();
        for (int i : byPoint) {
            PlannedOp p = plan.get(i);
            String before = store.get(p.key());
            boolean applied = p.fate() != PlannedOp.Fate.UNKNOWN_NOT_APPLIED;
            String read = null;
            boolean ok = false;
            switch (p.kind()) {
                case GET -> read = before;
                case PUT -> {
                    if (applied) {
                        store.put(p.key(), p.value());
                    }
                }
                case DELETE -> {
                    ok = before != null;
                    if (applied) {
                        store.remove(p.key());
                    }
                }
                case CAS -> {
                    ok = Objects.equals(before, p.expected());
                    if (ok && applied) {
                        write(store, p.key(), p.value());
                    }
                }
                case PUT_IF_ABSENT -> {
                    ok = before == null;
                    if (ok && applied) {
                        store.put(p.key(), p.value());
                    }
                }
            }
            Operation op = new Operation(i, "c" + i, p.key(), p.kind(), p.value(), p.expected(), read, ok,
                    p.invoke(), p.returnAt());
            recorded[i] = p.fate() == PlannedOp.Fate.DEFINITE ? op : op.withUnknownOutcome();
        }
        return List.of(recorded);
    }

    private static void write(Map<String, String> store, String key, String value) {
        if (value == null) {
            store.remove(key);
        } else {
            store.put(key, value);
        }
    }

    /**
     * The history with some outputs altered: a GET reads {@code wrongRead} (or ABSENT if that is
     * what it read), a flag is flipped. Only completed non-PUT operations have an output; the
     * {@code picks} select among those, modulo their number, so every pick corrupts something
     * (a pick that selects an operation twice restores it).
     */
    static List<Operation> corrupt(List<Operation> history, List<Integer> picks, String wrongRead) {
        List<Operation> result = new ArrayList<>(history);
        List<Integer> corruptible = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            if (!op.isUnknown() && op.kind() != OpKind.PUT) {
                corruptible.add(i);
            }
        }
        if (corruptible.isEmpty()) {
            return result;
        }
        for (int pick : picks) {
            int index = corruptible.get(pick % corruptible.size());
            Operation op = result.get(index);
            String read = op.read();
            boolean ok = op.ok();
            if (op.kind() == OpKind.GET) {
                read = Objects.equals(read, wrongRead) ? null : wrongRead;
            } else {
                ok = !ok;
            }
            result.set(index, new Operation(op.id(), op.clientId(), op.key(), op.kind(), op.value(), op.expected(),
                    read, ok, op.invokeTime(), op.returnTime()));
        }
        return result;
    }
}
