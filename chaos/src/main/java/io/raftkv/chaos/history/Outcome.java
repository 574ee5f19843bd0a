package io.raftkv.chaos.history;

/** How a client operation ended, as Jepsen names it. */
public enum Outcome {
    /** The store answered; the result is what it said. */
    OK,
    /** Definitely not applied: rejected before it could be proposed (or a read that failed). */
    FAIL,
    /** May or may not have been applied, at any time after the invocation (timeouts, lost leaders, crashes). */
    UNKNOWN
}
