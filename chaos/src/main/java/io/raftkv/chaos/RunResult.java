package io.raftkv.chaos;

import io.raftkv.chaos.check.CheckOutcome;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.nemesis.FaultEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * What a chaos run did and what the checkers found.
 *
 * @param config       how it ran
 * @param ops          every completed operation, final reads included
 * @param faults       every fault injected
 * @param check        the checkers' verdicts
 * @param clientErrors client failures that were not store answers (each makes the run fail)
 * @param runNanos     from the first operation to the end of the final reads
 * @param report       the text report written, or null
 */
public record RunResult(ChaosConfig config, List<HistoryOp> ops, List<FaultEvent> faults, CheckOutcome check,
        List<String> clientErrors, long runNanos, Path report) {

    public RunResult {
        ops = List.copyOf(ops);
        faults = List.copyOf(faults);
        clientErrors = List.copyOf(clientErrors);
    }

    /** True if the checkers found nothing and the client never broke. */
    public boolean clean() {
        return check.clean() && clientErrors.isEmpty();
    }

    /** Number of anomalies found. */
    public int anomalies() {
        return check.anomalies().size();
    }
}
