package io.raftkv.node.check;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Linearizability by its definition, for tiny histories (up to ~10 operations): try every order of
 * the whole history (all keys at once, one map as the state) that respects real time, where an
 * operation with an unknown outcome may be left out or placed anywhere after its call with any
 * output. Shares no code with the checker.
 */
final class BruteForceOracle {

    private final List<Operation> ops;
    /** Failed (remaining set, state) pairs; the answer depends only on these two. */
    private final Set<String> dead = new HashSet<>();

    private BruteForceOracle(List<Operation> ops) {
        if (ops.size() > 20) {
            throw new IllegalArgumentException("the oracle is exponential; give it at most 20 operations");
        }
        this.ops = ops;
    }

    static boolean isLinearizable(List<Operation> history) {
        BruteForceOracle oracle = new BruteForceOracle(history);
        return oracle.search((1 << history.size()) - 1, new TreeMap<>());
    }

    private boolean search(int remaining, TreeMap<String, String> store) {
        if (remaining == 0) {
            return true;
        }
        String memo = remaining + " " + store;
        if (dead.contains(memo)) {
            return false;
        }
        for (int i = 0; i < ops.size(); i++) {
            if ((remaining & (1 << i)) == 0 || !mayGoNext(i, remaining)) {
                continue;
            }
            Operation op = ops.get(i);
            int rest = remaining & ~(1 << i);
            if (op.isUnknown() && search(rest, store)) {
                return true;
            }
            TreeMap<String, String> after = apply(op, store);
            if (after != null && search(rest, after)) {
                return true;
            }
        }
        dead.add(memo);
        return false;
    }

    /** No other remaining operation returned strictly before this one was invoked. */
    private boolean mayGoNext(int i, int remaining) {
        for (int j = 0; j < ops.size(); j++) {
            if (j != i && (remaining & (1 << j)) != 0 && ops.get(j).returnTime() < ops.get(i).invokeTime()) {
                return false;
            }
        }
        return true;
    }

    /** The store after {@code op}, or null if its recorded output is impossible in {@code store}. */
    private static TreeMap<String, String> apply(Operation op, TreeMap<String, String> store) {
        String current = store.get(op.key());
        boolean any = op.isUnknown();
        TreeMap<String, String> after = new TreeMap<>(store);
        switch (op.kind()) {
            case GET -> {
                if (!any && !Objects.equals(op.read(), current)) {
                    return null;
                }
            }
            case PUT -> after.put(op.key(), op.value());
            case DELETE -> {
                if (!any && op.ok() != (current != null)) {
                    return null;
                }
                after.remove(op.key());
            }
            case CAS -> {
                boolean holds = Objects.equals(current, op.expected());
                if (!any && op.ok() != holds) {
                    return null;
                }
                if (holds) {
                    if (op.value() == null) {
                        after.remove(op.key());
                    } else {
                        after.put(op.key(), op.value());
                    }
                }
            }
            case PUT_IF_ABSENT -> {
                boolean holds = current == null;
                if (!any && op.ok() != holds) {
                    return null;
                }
                if (holds) {
                    after.put(op.key(), op.value());
                }
            }
        }
        return after;
    }
}
