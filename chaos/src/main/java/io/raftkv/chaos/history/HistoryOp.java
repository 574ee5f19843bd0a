package io.raftkv.chaos.history;

import java.util.Objects;

/**
 * One completed client operation as the run observed it.
 *
 * @param id           unique in the history, in invocation order
 * @param client       the worker that issued it, e.g. "java-3" or "jdbc-1"
 * @param type         what was asked
 * @param key          the key (register, set) or the group prefix (group operations)
 * @param value        the value written, or null
 * @param expected     the value a CAS compared with, or null
 * @param outcome      how it ended
 * @param result       what the store answered (see {@link OpType}), or null when not OK
 * @param invokeNanos  when it was sent, nanoseconds since the run started
 * @param completeNanos when the answer (or the failure) arrived, at least invokeNanos
 */
public record HistoryOp(long id, String client, OpType type, String key, String value, String expected,
        Outcome outcome, String result, long invokeNanos, long completeNanos) {

    /** @throws NullPointerException if client, type, key or outcome is null */
    public HistoryOp {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException("op " + id + " completes at " + completeNanos + " before its invocation "
                    + invokeNanos);
        }
    }

    /** True when the store answered and the answer was "true" (CAS held, INSERT wrote, DELETE found). */
    public boolean resultTrue() {
        return outcome == Outcome.OK && "true".equals(result);
    }

    /** The invocation line of the history file. */
    public String invokeLine() {
        return line("invoke", invokeNanos, null);
    }

    /** The completion line of the history file ("ok", "fail" or "unknown"). */
    public String completeLine() {
        return line(outcome.name().toLowerCase(java.util.Locale.ROOT), completeNanos, result);
    }

    private String line(String what, long nanos, String answer) {
        return nanos + "\t" + id + "\t" + client + "\t" + what + "\t" + type + "\t" + key + "\t" + show(value) + "\t"
                + show(expected) + "\t" + show(answer);
    }

    private static String show(String s) {
        return s == null ? "-" : s;
    }
}
