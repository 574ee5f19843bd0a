package io.raftkv.node.check;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Linearizability#check}.
 *
 * @param verdict the answer for the whole history
 * @param key for NOT_LINEARIZABLE the first key (in key order) without a legal order; for UNKNOWN
 *     the first key whose budget ran out; null for LINEARIZABLE
 * @param explanation one or a few lines a person can act on; for NOT_LINEARIZABLE it shows the
 *     longest legal prefix found, the state it ends in, and the operation that could not take
 *     effect before it returned
 * @param evidence the operations the explanation names, in the order it names them; empty for
 *     LINEARIZABLE
 * @param keysChecked how many keys were searched
 * @param steps total search steps spent over all keys searched
 */
public record CheckResult(
        Verdict verdict, String key, String explanation, List<Operation> evidence, int keysChecked, long steps) {

    /** @throws NullPointerException if verdict, explanation or evidence is null */
    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explanation, "explanation");
        evidence = List.copyOf(evidence);
    }

    /** Whether the verdict is {@link Verdict#LINEARIZABLE}. */
    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }
}
