package io.raftkv.calcite.rel;

/** Row and round-trip estimates of a key access, so the planner prefers point over range over full. */
final class KvTableScanCost {

    /** Rows per page a scan asks the store for. */
    static final int PAGE = 1000;
    /** Row-count guess for the table (the store keeps no count). */
    static final double TABLE_ROWS = 10_000;

    private KvTableScanCost() {
    }

    static double rows(KeyCondition condition) {
        if (condition instanceof KeyCondition.Points p) {
            return p.keys().size();
        }
        return TABLE_ROWS * condition.selectivity(TABLE_ROWS);
    }

    static double roundTrips(KeyCondition condition, double rows) {
        if (condition instanceof KeyCondition.Points p) {
            return p.keys().size();
        }
        return 1 + Math.ceil(rows / PAGE);
    }
}
