package io.raftkv.chaos.check;

import java.util.List;

/**
 * What the checkers concluded about a history.
 *
 * @param anomalies    every violation found, empty for a clean run
 * @param registerKeys register keys checked for linearizability
 * @param undecidedKeys register keys whose search ran out of budget (neither clean nor proven bad)
 * @param undecided    the first few of those keys, to investigate
 * @param setChecked   acknowledged set inserts looked for in the final read
 * @param groupReads   group reads checked for atomicity
 */
public record CheckOutcome(List<Anomaly> anomalies, int registerKeys, int undecidedKeys, List<String> undecided,
        int setChecked, int groupReads) {

    public CheckOutcome {
        anomalies = List.copyOf(anomalies);
        undecided = List.copyOf(undecided);
    }

    /** True if no checker found anything. */
    public boolean clean() {
        return anomalies.isEmpty();
    }
}
