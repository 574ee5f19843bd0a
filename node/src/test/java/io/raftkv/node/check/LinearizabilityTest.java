package io.raftkv.node.check;

import static io.raftkv.node.check.Operation.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hand-written histories whose verdict a person can check on paper. Times are abstract ticks. */
class LinearizabilityTest {

    private static final String K = "k";

    private static Operation get(long id, String read, long invoke, long ret) {
        return Operation.get(id, "c" + id, K, read, invoke, ret);
    }

    private static Operation put(long id, String value, long invoke, long ret) {
        return Operation.put(id, "c" + id, K, value, invoke, ret);
    }

    private static Operation cas(long id, String expected, String replacement, boolean ok, long invoke, long ret) {
        return Operation.cas(id, "c" + id, K, expected, replacement, ok, invoke, ret);
    }

    private static Operation delete(long id, boolean existed, long invoke, long ret) {
        return Operation.delete(id, "c" + id, K, existed, invoke, ret);
    }

    private static Operation putIfAbsent(long id, String value, boolean ok, long invoke, long ret) {
        return Operation.putIfAbsent(id, "c" + id, K, value, ok, invoke, ret);
    }

    private static Verdict verdict(Operation... history) {
        return Linearizability.check(List.of(history)).verdict();
    }

    @Test
    void when_history_is_empty_then_linearizable() {
        CheckResult result = Linearizability.check(List.of());
        assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(result.keysChecked()).isZero();
    }

    @Test
    void when_a_read_returns_the_old_value_after_a_write_completed_then_not_linearizable() {
        CheckResult result = Linearizability.check(List.of(
                put(1, "a", 0, 1),
                put(2, "b", 2, 3),
                get(3, "a", 4, 5)));
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo(K);
        assertThat(result.explanation()).contains("#3 c3 GET k -> \"a\" [4, 5]");
        assertThat(result.evidence()).extracting(Operation::id).contains(3L);
    }

    @Test
    void when_a_read_overlaps_a_write_then_it_may_return_the_old_or_the_new_value() {
        Operation write = put(2, "b", 2, 6);
        assertThat(verdict(put(1, "a", 0, 1), write, get(3, "a", 3, 5))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), write, get(3, "b", 3, 5))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), write, get(3, "c", 3, 5))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_two_writes_overlap_then_readers_may_see_them_in_either_order_but_all_in_the_same_one() {
        Operation a = put(1, "a", 0, 10);
        Operation b = put(2, "b", 0, 10);
        assertThat(verdict(a, b, get(3, "a", 11, 12))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(a, b, get(3, "b", 11, 12))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(a, b, get(3, "a", 11, 12), get(4, "b", 13, 14))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_reads_during_overlapping_writes_flip_back_then_not_linearizable() {
        // New-old inversion: once a later read saw "b", no later read may see "a" again.
        assertThat(verdict(
                put(1, "a", 0, 1),
                put(2, "b", 2, 20),
                get(3, "b", 3, 4),
                get(4, "a", 5, 6))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_an_acknowledged_write_is_lost_then_not_linearizable() {
        CheckResult result = Linearizability.check(List.of(
                put(1, "a", 0, 1),
                get(2, ABSENT, 2, 3)));
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("GET k -> ABSENT");
    }

    @Test
    void when_a_write_with_unknown_outcome_is_observed_later_then_linearizable() {
        assertThat(verdict(
                put(1, "a", 0, 1),
                put(2, "b", 2, 3).withUnknownOutcome(),
                get(3, "b", 100, 101))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_a_write_with_unknown_outcome_is_never_observed_then_linearizable() {
        assertThat(verdict(
                put(1, "a", 0, 1),
                put(2, "b", 2, 3).withUnknownOutcome(),
                get(3, "a", 100, 101))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_a_write_with_unknown_outcome_is_observed_and_then_vanishes_then_not_linearizable() {
        assertThat(verdict(
                put(1, "a", 0, 1),
                put(2, "b", 2, 3).withUnknownOutcome(),
                get(3, "b", 10, 11),
                get(4, "a", 12, 13))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_a_write_with_unknown_outcome_is_observed_before_it_was_invoked_then_not_linearizable() {
        assertThat(verdict(
                get(1, "b", 0, 1),
                put(2, "b", 2, 3).withUnknownOutcome())).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_a_read_has_unknown_outcome_then_it_constrains_nothing() {
        assertThat(verdict(
                put(1, "a", 0, 1),
                get(2, ABSENT, 2, 3).withUnknownOutcome(),
                get(3, "a", 4, 5))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_a_cas_chain_succeeds_in_turn_then_linearizable() {
        assertThat(verdict(
                put(1, "a", 0, 1),
                cas(2, "a", "b", true, 2, 3),
                cas(3, "b", "c", true, 4, 5),
                cas(4, "a", "x", false, 6, 7),
                get(5, "c", 8, 9))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_two_concurrent_cas_on_the_same_expected_value_both_succeed_then_not_linearizable() {
        Operation first = cas(2, "a", "b", true, 2, 10);
        Operation loser = cas(3, "a", "c", false, 2, 10);
        Operation winnerToo = cas(3, "a", "c", true, 2, 10);
        assertThat(verdict(put(1, "a", 0, 1), first, loser)).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), first, winnerToo)).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_concurrent_cas_form_a_chain_then_the_checker_finds_its_order() {
        // Invoked at once and listed in reverse: only 1 -> 2 -> 3 -> 4 works.
        assertThat(verdict(
                put(1, "v1", 0, 1),
                cas(4, "v3", "v4", true, 2, 10),
                cas(3, "v2", "v3", true, 2, 10),
                cas(2, "v1", "v2", true, 2, 10),
                get(5, "v4", 11, 12))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_a_cas_with_unknown_outcome_may_have_applied_then_both_results_are_linearizable() {
        Operation maybe = cas(2, "a", "b", false, 2, 3).withUnknownOutcome();
        assertThat(verdict(put(1, "a", 0, 1), maybe, get(3, "b", 4, 5))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), maybe, get(3, "a", 4, 5))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_cas_replaces_with_absent_then_it_deletes() {
        assertThat(verdict(
                put(1, "a", 0, 1),
                cas(2, "a", ABSENT, true, 2, 3),
                get(3, ABSENT, 4, 5),
                cas(4, ABSENT, "b", true, 6, 7),
                get(5, "b", 8, 9))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_delete_reports_existence_wrongly_then_not_linearizable() {
        assertThat(verdict(delete(1, true, 0, 1))).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), delete(2, false, 2, 3))).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), delete(2, true, 2, 3), get(3, ABSENT, 4, 5)))
                .isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_two_concurrent_deletes_both_found_the_key_then_not_linearizable() {
        assertThat(verdict(put(1, "a", 0, 1), delete(2, true, 2, 5), delete(3, true, 2, 5)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 1), delete(2, true, 2, 5), delete(3, false, 2, 5)))
                .isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_two_concurrent_put_if_absent_both_succeed_then_not_linearizable() {
        assertThat(verdict(putIfAbsent(1, "a", true, 0, 5), putIfAbsent(2, "b", true, 0, 5)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(verdict(putIfAbsent(1, "a", true, 0, 5), putIfAbsent(2, "b", false, 0, 5), get(3, "a", 6, 7)))
                .isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(putIfAbsent(1, "a", true, 0, 5), putIfAbsent(2, "b", false, 0, 5), get(3, "b", 6, 7)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_one_operation_returns_at_the_instant_another_is_invoked_then_they_count_as_concurrent() {
        assertThat(verdict(put(1, "a", 0, 5), get(2, ABSENT, 5, 6))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(verdict(put(1, "a", 0, 5), get(2, ABSENT, 6, 7))).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void when_keys_are_independent_then_a_read_of_one_key_is_not_ordered_by_another() {
        List<Operation> history = List.of(
                Operation.put(1, "c1", "x", "a", 0, 1),
                Operation.put(2, "c1", "y", "b", 2, 3),
                Operation.get(3, "c2", "y", "b", 4, 5),
                Operation.get(4, "c2", "x", "a", 6, 7));
        assertThat(Linearizability.check(history).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_one_key_of_many_is_broken_then_the_result_names_that_key() {
        List<Operation> history = List.of(
                Operation.put(1, "c1", "a", "1", 0, 1),
                Operation.get(2, "c2", "a", "1", 2, 3),
                Operation.put(3, "c1", "b", "1", 0, 1),
                Operation.get(4, "c2", "b", "2", 2, 3),
                Operation.put(5, "c1", "c", "1", 0, 1));
        CheckResult result = Linearizability.check(history);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo("b");
        assertThat(result.explanation()).startsWith("key b:");
    }

    @Test
    void when_the_budget_runs_out_then_unknown_never_a_verdict() {
        List<Operation> history = List.of(put(1, "a", 0, 1), put(2, "b", 2, 3), get(3, "b", 4, 5));
        CheckResult result = Linearizability.check(history, Budget.steps(2));
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.key()).isEqualTo(K);
        assertThat(result.explanation()).contains("step limit");
        assertThat(Linearizability.check(history, Budget.steps(100)).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void when_the_memo_cap_is_reached_then_unknown_names_the_memo_limit() {
        List<Operation> history = List.of(put(1, "a", 0, 1), put(2, "b", 2, 3), get(3, "b", 4, 5));
        CheckResult result = Linearizability.check(history, Budget.steps(1000).withMaxMemoEntriesPerKey(1));
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.explanation()).contains("memo limit");
    }

    @Test
    void when_one_key_is_unknown_and_another_broken_then_not_linearizable_wins() {
        List<Operation> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(Operation.put(i, "c", "a-long-key", "v" + i, 2L * i, 2L * i + 1));
        }
        history.add(Operation.put(100, "c", "b", "1", 0, 1));
        history.add(Operation.get(101, "c", "b", ABSENT, 2, 3));
        CheckResult result = Linearizability.check(history, Budget.steps(5));
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo("b");
    }

    @Test
    void when_two_operations_share_an_id_then_the_history_is_rejected() {
        assertThatThrownBy(() -> Linearizability.check(List.of(put(1, "a", 0, 1), get(1, "a", 2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 1");
    }

    @Test
    @DisplayName("the explanation shows the deepest legal prefix, its state and the blocked operation")
    void explanation_names_prefix_state_and_blocked_operation() {
        CheckResult result = Linearizability.check(List.of(
                put(1, "a", 0, 1),
                put(2, "b", 2, 3),
                get(3, "a", 4, 5)));
        assertThat(result.explanation())
                .contains("Deepest legal prefix found: 2 operations")
                .contains("#2 c2 PUT k \"b\" [2, 3]")
                .contains("state then \"b\"")
                .contains("Then #3 c3 GET k -> \"a\" [4, 5] returned, but it cannot take effect next");
        assertThat(result.evidence()).extracting(Operation::id).containsExactly(1L, 2L, 3L);
    }
}
