package io.raftkv.node.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sanity check that the search stays cheap on histories shaped like a real run: 100 keys with
 * 200 operations each, four clients per key with overlapping requests, unique written values,
 * about 2% unknown outcomes. Asserts the verdicts, not the time; surefire reports the time.
 */
class LinearizabilityPerformanceTest {

    private static final int KEYS = 100;
    private static final int CLIENTS_PER_KEY = 4;
    private static final int OPS_PER_CLIENT = 50;

    @Test
    void when_a_large_history_is_linearizable_then_every_key_is_confirmed() {
        List<Operation> history = Executions.materialize(plan(new Random(42)));
        assertThat(history).hasSize(KEYS * CLIENTS_PER_KEY * OPS_PER_CLIENT);
        assertThat(history).filteredOn(Operation::isUnknown).isNotEmpty();

        CheckResult result = Linearizability.check(history);

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(result.keysChecked()).isEqualTo(KEYS);
    }

    @Test
    void when_one_key_of_a_large_history_ends_in_a_stale_read_then_that_key_is_reported() {
        List<Operation> history = new ArrayList<>(Executions.materialize(plan(new Random(7))));
        String key = key(42);
        Operation firstPut = history.stream()
                .filter(op -> op.key().equals(key) && op.kind() == OpKind.PUT && !op.isUnknown())
                .findFirst().orElseThrow();
        boolean overwrittenLater = history.stream().anyMatch(op -> op.key().equals(key) && op.kind() == OpKind.PUT
                && !op.isUnknown() && op.invokeTime() > firstPut.returnTime());
        assertThat(overwrittenLater).as("the generated history must overwrite the first value").isTrue();
        long end = history.stream().filter(op -> !op.isUnknown()).mapToLong(Operation::returnTime).max().orElseThrow();
        history.add(Operation.get(history.size(), "late-reader", key, firstPut.value(), end + 1, end + 2));

        CheckResult result = Linearizability.check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo(key);
        assertThat(result.evidence()).extracting(Operation::clientId).contains("late-reader");
    }

    @Test
    void when_the_time_budget_runs_out_then_unknown_names_the_time_limit() {
        // Sixteen clients on one key need hundreds of thousands of steps; one nanosecond allows 4096.
        List<Operation> history = Executions.materialize(plan(new Random(3), 1, 16, 1000, 0));

        CheckResult result = Linearizability.check(history, Budget.of(Long.MAX_VALUE, Duration.ofNanos(1)));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.explanation()).contains("time limit");
        assertThat(result.steps()).isEqualTo(4096);
    }

    private static String key(int i) {
        return String.format("key-%03d", i);
    }

    /**
     * Each key has its own clients, each issuing one request at a time; a request takes effect at a
     * random point of its interval.
     * CAS expects one of the key's recently written values, so some succeed and some fail.
     */
    private static List<PlannedOp> plan(Random random) {
        return plan(random, KEYS, CLIENTS_PER_KEY, CLIENTS_PER_KEY * OPS_PER_CLIENT, 0);
    }

    /**
     * @param distinctValues 0 for unique written values, else writes draw from this many values
     */
    static List<PlannedOp> plan(Random random, int keys, int clientsPerKey, int opsPerKey, int distinctValues) {
        List<PlannedOp> plan = new ArrayList<>();
        int serial = 0;
        for (int k = 0; k < keys; k++) {
            String key = key(k);
            List<String> written = new ArrayList<>();
            long[] free = new long[clientsPerKey];
            for (int i = 0; i < opsPerKey; i++) {
                int c = 0;
                for (int other = 1; other < clientsPerKey; other++) {
                    c = free[other] < free[c] ? other : c;
                }
                long invoke = free[c] + random.nextInt(6);
                long point = invoke + random.nextInt(10);
                long ret = point + random.nextInt(10);
                free[c] = ret;
                String fresh = "v" + (distinctValues == 0 ? serial++ : random.nextInt(distinctValues));
                String recent = written.isEmpty() ? null : written.get(Math.max(0, written.size() - 1 - random.nextInt(3)));
                int roll = random.nextInt(100);
                OpKind kind = roll < 40 ? OpKind.GET : roll < 70 ? OpKind.PUT : roll < 85 ? OpKind.CAS
                        : roll < 90 ? OpKind.DELETE : OpKind.PUT_IF_ABSENT;
                String value = kind == OpKind.GET || kind == OpKind.DELETE ? null : fresh;
                String expected = kind == OpKind.CAS ? recent : null;
                if (value != null) {
                    written.add(value);
                }
                PlannedOp.Fate fate = random.nextInt(100) >= 2 ? PlannedOp.Fate.DEFINITE
                        : random.nextBoolean() ? PlannedOp.Fate.UNKNOWN_APPLIED : PlannedOp.Fate.UNKNOWN_NOT_APPLIED;
                plan.add(new PlannedOp(key, kind, value, expected, invoke, point, ret, fate));
            }
        }
        return plan;
    }
}
