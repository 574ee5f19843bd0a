package io.raftkv.node.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Wing and Gong search with Lowe's memoisation over one key (Lowe, "Testing for
 * linearizability", 2017; the algorithm Porcupine and Knossos use).
 *
 * <p>The entries of {@link KeyHistory} form a doubly linked list. Walking it from the head: at the
 * call of an operation whose output is legal in the current state, and whose (set of linearized
 * operations, new state) pair has not been seen before, the search linearizes it (pushes it, unlinks
 * its call and return) and restarts at the head. At a return, the operation returned before it
 * could take effect, so the search undoes the last choice and tries the next call after it. An
 * empty stack at a return means no order exists. Unknown outcomes return at +infinity, so they
 * never force a backtrack and may be placed anywhere after their call or never.
 *
 * <p>One pruning beyond Lowe: a legal pure operation (one that never changes the state, such as a
 * GET; see {@link KeyHistory#pure}) that can go next is placed next without trying alternatives.
 * That loses nothing: in any legal order from here, moving it to the front keeps every output
 * legal (the state it sees is the current one, and it changes no state others see) and keeps real
 * time (it can go next, so no remaining operation returned before it was invoked). So if the
 * search fails after placing it, or has already failed from there (the memo hit), the current
 * configuration fails too. This keeps read-heavy histories with many concurrent clients cheap.
 *
 * <p>One instance runs one search, on one thread.
 */
final class WglSearch {

    /** What one key's search found. */
    record Outcome(Verdict verdict, long steps, String explanation, List<Operation> evidence) {
    }

    private static final int END = -1;
    private static final int CHECK_CLOCK_EVERY = 4096;
    private static final int PREFIX_SHOWN = 3;
    private static final int OPEN_SHOWN = 6;

    private final KeyHistory history;
    private final Budget budget;
    private final int n;
    /** Index of the list head sentinel; entries are 0 .. 2n-1. */
    private final int head;
    /** Invariant: next/prev link exactly the entries of operations not on the stack, in time order. */
    private final int[] next;
    private final int[] prev;
    /** Bit i set iff operation i is on the stack. */
    private final long[] linearized;
    /** Random per-operation keys; invariant: linearizedHash is the XOR of those of the set bits. */
    private final long[] opHash;
    private long linearizedHash;
    /** Pairs (linearized set, state) already explored; a pair seen twice cannot lead anywhere new. */
    private final Set<CacheKey> cache = new HashSet<>();
    private final int[] stackOp;
    private final int[] stackState;
    /** Whether the frame was a pure operation placed without alternatives (see class comment). */
    private final boolean[] stackForced;
    private int depth;

    // Deepest dead end seen, for the explanation.
    private int bestDepth = -1;
    private int[] bestPrefix = new int[0];
    private int bestState;
    private int bestBlockedOp;
    private List<Integer> bestOpen = List.of();

    private WglSearch(KeyHistory history, Budget budget) {
        this.history = history;
        this.budget = budget;
        this.n = history.size();
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.linearized = new long[(n + 63) / 64];
        this.opHash = new SplittableRandom(n).longs(n).toArray();
        this.stackOp = new int[n];
        this.stackState = new int[n];
        this.stackForced = new boolean[n];
        int[] order = history.order();
        int last = head;
        for (int entry : order) {
            next[last] = entry;
            prev[entry] = last;
            last = entry;
        }
        next[last] = END;
        prev[head] = END;
    }

    /** Searches one key's history. Never throws for any well-formed {@link KeyHistory}. */
    static Outcome run(KeyHistory history, Budget budget) {
        return new WglSearch(history, budget).search();
    }

    private Outcome search() {
        long started = System.nanoTime();
        long steps = 0;
        int state = RegisterModel.ABSENT;
        int definiteLeft = history.definiteCount;
        int entry = next[head];
        while (definiteLeft > 0) {
            steps++;
            if (steps > budget.maxStepsPerKey()) {
                return budgetExhausted(steps - 1, "step limit");
            }
            if (steps % CHECK_CLOCK_EVERY == 0 && System.nanoTime() - started > budget.maxNanosPerKey()) {
                return budgetExhausted(steps, "time limit");
            }
            if (cache.size() >= budget.maxMemoEntriesPerKey()) {
                return budgetExhausted(steps, "memo limit");
            }
            if (entry == END) {
                throw new IllegalStateException("walked past every entry of key " + history.key
                        + " with " + definiteLeft + " completed operations left; entries are mis-sorted");
            }
            boolean backtrack;
            if (entry < n) {
                int op = entry;
                int after = history.step(op, state);
                backtrack = false;
                if (after != RegisterModel.ILLEGAL) {
                    if (remember(op, after)) {
                        stackOp[depth] = op;
                        stackState[depth] = state;
                        stackForced[depth] = history.pure[op];
                        depth++;
                        state = after;
                        if (!history.unknowns[op]) {
                            definiteLeft--;
                        }
                        lift(op);
                        entry = next[head];
                        continue;
                    }
                    // Seen before, so it failed from there; for a pure operation that dooms this configuration.
                    backtrack = history.pure[op];
                }
                if (!backtrack) {
                    entry = next[entry];
                    continue;
                }
            } else {
                noteDeadEnd(entry - n, entry, state);
            }
            // The current configuration has no legal continuation: undo choices until one has alternatives.
            int op;
            do {
                if (depth == 0) {
                    return notLinearizable(steps);
                }
                depth--;
                op = stackOp[depth];
                state = stackState[depth];
                clearBit(op);
                if (!history.unknowns[op]) {
                    definiteLeft++;
                }
                unlift(op);
            } while (stackForced[depth]);
            entry = next[op];
        }
        return new Outcome(Verdict.LINEARIZABLE, steps, "key " + history.key + " is linearizable", List.of());
    }

    /** Marks {@code op} linearized; returns false (and leaves it unmarked) if the pair was seen. */
    private boolean remember(int op, int state) {
        setBit(op);
        int hash = Long.hashCode((linearizedHash + state) * 0x9E3779B97F4A7C15L);
        // Probe with the live bitset; copy it only for a new entry.
        if (!cache.contains(new CacheKey(linearized, state, hash))) {
            cache.add(new CacheKey(linearized.clone(), state, hash));
            return true;
        }
        clearBit(op);
        return false;
    }

    private void lift(int op) {
        unlink(op);
        unlink(op + n);
    }

    /** Exact inverse of {@link #lift}: relink in reverse order. */
    private void unlift(int op) {
        relink(op + n);
        relink(op);
    }

    private void unlink(int entry) {
        next[prev[entry]] = next[entry];
        if (next[entry] != END) {
            prev[next[entry]] = prev[entry];
        }
    }

    private void relink(int entry) {
        next[prev[entry]] = entry;
        if (next[entry] != END) {
            prev[next[entry]] = entry;
        }
    }

    private void setBit(int op) {
        linearized[op >>> 6] |= 1L << op;
        linearizedHash ^= opHash[op];
    }

    private void clearBit(int op) {
        linearized[op >>> 6] &= ~(1L << op);
        linearizedHash ^= opHash[op];
    }

    private void noteDeadEnd(int blocked, int returnEntry, int state) {
        if (depth <= bestDepth) {
            return;
        }
        bestDepth = depth;
        bestPrefix = Arrays.copyOf(stackOp, depth);
        bestState = state;
        bestBlockedOp = blocked;
        List<Integer> open = new ArrayList<>();
        for (int e = next[head]; e != returnEntry && e != END; e = next[e]) {
            if (e < n && e != blocked) {
                open.add(e);
            }
        }
        bestOpen = open;
    }

    private Outcome notLinearizable(long steps) {
        List<Operation> evidence = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append("key ").append(history.key).append(": no legal order of its ").append(n)
                .append(" operations respects real time. Deepest legal prefix found: ")
                .append(bestDepth).append(" operations");
        if (bestDepth > 0) {
            int from = Math.max(0, bestDepth - PREFIX_SHOWN);
            text.append(", ending ");
            if (from > 0) {
                text.append("... ");
            }
            for (int i = from; i < bestDepth; i++) {
                Operation op = history.ops[bestPrefix[i]];
                evidence.add(op);
                text.append(op.describe()).append(i + 1 < bestDepth ? ", " : "");
            }
        }
        Operation blocked = history.ops[bestBlockedOp];
        evidence.add(blocked);
        text.append("; state then ").append(history.valueName(bestState)).append(". Then ")
                .append(blocked.describe()).append(" returned, but ")
                .append(bestOpen.isEmpty() ? "it" : "neither it nor any operation open then");
        if (!bestOpen.isEmpty()) {
            text.append(" (");
            int shown = Math.min(OPEN_SHOWN, bestOpen.size());
            for (int i = 0; i < shown; i++) {
                Operation op = history.ops[bestOpen.get(i)];
                evidence.add(op);
                text.append(op.describe()).append(i + 1 < shown ? ", " : "");
            }
            if (bestOpen.size() > shown) {
                text.append(", and ").append(bestOpen.size() - shown).append(" more");
            }
            text.append(")");
        }
        text.append(bestOpen.isEmpty() ? " cannot" : " can").append(" take effect next and let the rest follow.");
        return new Outcome(Verdict.NOT_LINEARIZABLE, steps, text.toString(), evidence);
    }

    private Outcome budgetExhausted(long steps, String limit) {
        String text = "key " + history.key + ": search budget (" + limit + ") ran out after " + steps + " steps, "
                + cache.size() + " memo entries, on "
                + n + " operations with " + history.distinctValues() + " distinct values (deepest prefix "
                + Math.max(bestDepth, depth) + "); write unique values, keep fewer operations per key, or raise the budget";
        return new Outcome(Verdict.UNKNOWN, steps, text, List.of());
    }

    /** A memo entry: which operations are linearized and the state they leave. */
    private static final class CacheKey {
        private final long[] bits;
        private final int state;
        private final int hash;

        /** @param hash derived from the set bits and state; equal keys must pass equal hashes */
        CacheKey(long[] bits, int state, int hash) {
            this.bits = bits;
            this.state = state;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CacheKey that && state == that.state && Arrays.equals(bits, that.bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
