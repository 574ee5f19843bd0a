package io.raftkv.node.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The checker against {@link BruteForceOracle} on random small histories: executions that are
 * linearizable by construction, the same with some outputs corrupted, over one or two keys, with
 * concurrent and unknown operations and a small value domain so that values repeat.
 */
class LinearizabilityProperties {

    private static final String NONE = "-";

    @Property(tries = 2000)
    void checker_agrees_with_brute_force_oracle(@ForAll("smallHistories") List<Operation> history) {
        boolean expected = BruteForceOracle.isLinearizable(history);
        CheckResult result = Linearizability.check(history, Budget.steps(1_000_000));
        assertThat(result.verdict())
                .as("history %s, explanation %s", history, result.explanation())
                .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
        Statistics.label("verdict").collect(result.verdict());
        Statistics.label("unknown outcomes").collect(history.stream().anyMatch(Operation::isUnknown));
        Statistics.label("verdict").coverage(c -> {
            c.check(Verdict.LINEARIZABLE).percentage(p -> p >= 25);
            c.check(Verdict.NOT_LINEARIZABLE).percentage(p -> p >= 25);
        });
        Statistics.label("unknown outcomes").coverage(c -> c.check(true).percentage(p -> p >= 20));
    }

    @Property(tries = 300)
    void a_budget_that_runs_out_gives_unknown_never_a_wrong_verdict(
            @ForAll("smallHistories") List<Operation> history, @ForAll("smallBudgets") long steps) {
        Verdict expected = BruteForceOracle.isLinearizable(history) ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE;
        assertThat(Linearizability.check(history, Budget.steps(steps)).verdict()).isIn(expected, Verdict.UNKNOWN);
    }

    @Property(tries = 300)
    void the_verdict_does_not_depend_on_the_order_operations_are_listed(
            @ForAll("smallHistories") List<Operation> history, @ForAll long seed) {
        List<Operation> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Linearizability.check(shuffled).verdict()).isEqualTo(Linearizability.check(history).verdict());
    }

    @Property(tries = 200)
    void every_execution_linearizable_by_construction_passes(@ForAll("longerExecutions") List<PlannedOp> plan) {
        CheckResult result = Linearizability.check(Executions.materialize(plan));
        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Provide
    Arbitrary<Long> smallBudgets() {
        return Arbitraries.longs().between(1, 40);
    }

    @Provide
    Arbitrary<List<Operation>> smallHistories() {
        Arbitrary<List<PlannedOp>> plans = plannedOps(Arbitraries.of("x", "x", "x", "y"), 12).list().ofMinSize(1).ofMaxSize(7);
        Arbitrary<List<Integer>> corruptions = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<Integer>of())),
                Tuple.of(2, Arbitraries.integers().between(0, 6).list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<String> wrongReads = Arbitraries.of("a", "b", "c");
        return Combinators.combine(plans, corruptions, wrongReads)
                .as((plan, broken, wrong) -> Executions.corrupt(Executions.materialize(plan), broken, wrong));
    }

    @Provide
    Arbitrary<List<PlannedOp>> longerExecutions() {
        return plannedOps(Arbitraries.of("x", "y"), 60).list().ofMinSize(10).ofMaxSize(60);
    }

    /** Operations with invocations in [0, maxInvoke], short overlapping intervals, values a, b, c. */
    private static Arbitrary<PlannedOp> plannedOps(Arbitrary<String> keys, int maxInvoke) {
        Arbitrary<OpKind> kinds = Arbitraries.frequency(
                Tuple.of(4, OpKind.GET), Tuple.of(3, OpKind.PUT), Tuple.of(1, OpKind.DELETE),
                Tuple.of(2, OpKind.CAS), Tuple.of(1, OpKind.PUT_IF_ABSENT));
        Arbitrary<String> values = Arbitraries.of("a", "b", "c", NONE);
        Arbitrary<Integer> invokes = Arbitraries.integers().between(0, maxInvoke);
        Arbitrary<Integer> gaps = Arbitraries.integers().between(0, 4);
        Arbitrary<PlannedOp.Fate> fates = Arbitraries.frequency(
                Tuple.of(6, PlannedOp.Fate.DEFINITE),
                Tuple.of(1, PlannedOp.Fate.UNKNOWN_APPLIED),
                Tuple.of(1, PlannedOp.Fate.UNKNOWN_NOT_APPLIED));
        return Combinators.combine(keys, kinds, values, values, invokes, gaps, gaps, fates)
                .as((key, kind, v1, v2, invoke, toPoint, toReturn, fate) -> {
                    String value = switch (kind) {
                        case GET, DELETE -> null;
                        case PUT, PUT_IF_ABSENT -> NONE.equals(v1) ? "a" : v1;
                        case CAS -> NONE.equals(v1) ? null : v1;
                    };
                    String expected = kind == OpKind.CAS && !NONE.equals(v2) ? v2 : null;
                    return new PlannedOp(key, kind, value, expected, invoke, invoke + toPoint,
                            invoke + toPoint + toReturn, fate);
                });
    }
}
