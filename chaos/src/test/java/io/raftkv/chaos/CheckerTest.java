package io.raftkv.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.chaos.check.Anomaly;
import io.raftkv.chaos.check.CheckOutcome;
import io.raftkv.chaos.check.Checker;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.node.check.Budget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three checks on hand-made histories: each violation found, unknown outcomes tolerated. */
class CheckerTest {

    private static HistoryOp op(long id, OpType type, String key, String value, String expected, Outcome outcome,
            String result, long t0, long t1) {
        return new HistoryOp(id, "c" + (id % 3), type, key, value, expected, outcome, result, t0, t1);
    }

    private static final HistoryOp FINAL_SET_EMPTY = op(99, OpType.FINAL_READ, "s/", null, null, Outcome.OK, "", 900, 910);

    private static List<String> checks(CheckOutcome o) {
        return o.anomalies().stream().map(Anomaly::check).toList();
    }

    @Test
    void when_the_self_test_runs_then_it_passes() {
        Checker.selfTest();
    }

    @Test
    void when_a_read_misses_a_completed_write_then_linearizability_fails() {
        List<HistoryOp> h = List.of(
                op(1, OpType.WRITE, "r/1", "a", null, Outcome.OK, "", 0, 10),
                op(2, OpType.WRITE, "r/1", "b", null, Outcome.OK, "", 20, 30),
                op(3, OpType.READ, "r/1", null, null, Outcome.OK, "a", 40, 50), FINAL_SET_EMPTY);
        assertThat(checks(Checker.check(h, Budget.steps(100_000)))).containsExactly("linearizability");
    }

    @Test
    void when_an_unknown_write_is_read_later_or_never_then_both_are_linearizable() {
        List<HistoryOp> seen = List.of(
                op(1, OpType.WRITE, "r/1", "a", null, Outcome.OK, "", 0, 10),
                op(2, OpType.WRITE, "r/1", "b", null, Outcome.UNKNOWN, null, 20, 30),
                op(3, OpType.READ, "r/1", null, null, Outcome.OK, "b", 400, 500), FINAL_SET_EMPTY);
        List<HistoryOp> notSeen = List.of(seen.get(0), seen.get(1),
                op(3, OpType.READ, "r/1", null, null, Outcome.OK, "a", 400, 500), FINAL_SET_EMPTY);
        assertThat(Checker.check(seen, Budget.steps(100_000)).anomalies()).isEmpty();
        assertThat(Checker.check(notSeen, Budget.steps(100_000)).anomalies()).isEmpty();
    }

    @Test
    void when_a_cas_succeeds_against_a_value_already_replaced_then_linearizability_fails() {
        List<HistoryOp> h = List.of(
                op(1, OpType.WRITE, "r/1", "a", null, Outcome.OK, "", 0, 10),
                op(2, OpType.WRITE, "r/1", "b", null, Outcome.OK, "", 20, 30),
                op(3, OpType.CAS, "r/1", "c", "a", Outcome.OK, "true", 40, 50), FINAL_SET_EMPTY);
        assertThat(checks(Checker.check(h, Budget.steps(100_000)))).containsExactly("linearizability");
    }

    @Test
    void when_an_acknowledged_insert_is_missing_at_the_end_then_the_set_check_fails_but_an_unknown_one_may_be() {
        List<HistoryOp> h = List.of(
                op(1, OpType.INSERT, "s/a", "x", null, Outcome.OK, "true", 0, 10),
                op(2, OpType.INSERT, "s/b", "x", null, Outcome.UNKNOWN, null, 0, 10),
                op(3, OpType.INSERT, "s/c", "x", null, Outcome.OK, "true", 0, 10),
                op(4, OpType.FINAL_READ, "s/", null, null, Outcome.OK, "s/c=x", 100, 110));
        CheckOutcome o = Checker.check(h, Budget.steps(100_000));
        assertThat(o.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.check()).isEqualTo("set");
            assertThat(a.key()).isEqualTo("s/a");
        });
        assertThat(o.setChecked()).isEqualTo(2);
    }

    @Test
    void when_a_group_read_shows_two_values_or_a_missing_key_then_atomicity_fails() {
        List<HistoryOp> h = List.of(
                op(1, OpType.GROUP_WRITE, "g/1/", "t1", null, Outcome.OK, "", 0, 10),
                op(2, OpType.GROUP_WRITE, "g/1/", "t2", null, Outcome.OK, "", 20, 30),
                op(3, OpType.GROUP_READ, "g/1/", null, null, Outcome.OK, "g/1/0=t1;g/1/1=t2;g/1/2=t2", 40, 50),
                op(4, OpType.GROUP_READ, "g/1/", null, null, Outcome.OK, "g/1/0=t2;g/1/2=t2", 40, 50),
                op(5, OpType.GROUP_READ, "g/1/", null, null, Outcome.OK, "g/1/0=t2;g/1/1=t2;g/1/2=t2", 40, 50),
                op(6, OpType.FINAL_READ, "g/", null, null, Outcome.OK, "g/1/0=t2;g/1/1=t2;g/1/2=t2", 60, 70),
                FINAL_SET_EMPTY);
        CheckOutcome o = Checker.check(h, Budget.steps(100_000));
        assertThat(checks(o)).containsExactly("atomicity", "atomicity");
        assertThat(o.groupReads()).isEqualTo(4);
    }

    @Test
    void when_no_final_read_succeeded_then_the_set_check_says_so() {
        List<HistoryOp> h = List.of(op(1, OpType.INSERT, "s/a", "x", null, Outcome.OK, "true", 0, 10));
        assertThat(checks(Checker.check(h, Budget.steps(100_000)))).containsExactly("set");
    }
}
