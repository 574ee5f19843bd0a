package io.raftkv.node.check;

import java.util.Objects;

/**
 * One client operation on one key as a test harness observed it: what was asked, what came back,
 * and the interval of time in which it took effect, if it did.
 *
 * <p>Record only operations that may have reached the replicated log. A request the cluster
 * definitely rejected before proposing it (not leader, bad input) never takes effect and must be
 * left out. A request whose fate is not known (timeout, connection reset, crash) is recorded with
 * {@link #withUnknownOutcome()}: it may have taken effect at any time after its invocation, or
 * never.
 *
 * <p>Values are compared with {@link String#equals}; {@link #ABSENT} ({@code null}) stands for a
 * missing key. Harnesses that store bytes should encode them (for example as hex) one-to-one.
 * Times are in any unit that is the same for all operations of a history (the simulator's ticks,
 * {@link System#nanoTime()}); only their order matters.
 *
 * @param id unique within a history; used to name the operation in explanations
 * @param clientId who issued the operation; used only in explanations
 * @param key the key operated on; keys are checked independently
 * @param kind what was asked
 * @param value the value written by PUT and PUT_IF_ABSENT (never ABSENT), the new value of CAS
 *     (ABSENT for a conditional delete); ABSENT for GET and DELETE
 * @param expected the value CAS compares against (may be ABSENT); ABSENT for every other kind
 * @param read the value GET returned (ABSENT if the key was missing); ABSENT for other kinds and
 *     for unknown outcomes
 * @param ok DELETE: the key existed; CAS: the comparison held and the write happened;
 *     PUT_IF_ABSENT: the key was absent and the write happened; false for GET, PUT and unknown
 *     outcomes
 * @param invokeTime when the client sent the request
 * @param returnTime when the client received the answer, at least {@code invokeTime}; or
 *     {@link #UNKNOWN_RETURN} if the outcome is unknown
 */
public record Operation(
        long id,
        String clientId,
        String key,
        OpKind kind,
        String value,
        String expected,
        String read,
        boolean ok,
        long invokeTime,
        long returnTime) {

    /** A missing key, as a value. */
    public static final String ABSENT = null;

    /** The return time of an operation whose outcome is unknown: it never returned. */
    public static final long UNKNOWN_RETURN = Long.MAX_VALUE;

    /**
     * Validates that the fields fit the kind.
     *
     * @throws NullPointerException if clientId, key or kind is null
     * @throws IllegalArgumentException if a field is set that the kind does not use, a required
     *     value is ABSENT, or the times are out of order
     */
    public Operation {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (invokeTime == UNKNOWN_RETURN) {
            throw new IllegalArgumentException("operation " + id + ": invokeTime must be below Long.MAX_VALUE");
        }
        if (returnTime < invokeTime) {
            throw new IllegalArgumentException("operation " + id + ": returnTime " + returnTime
                    + " is before invokeTime " + invokeTime + "; record the time the answer arrived");
        }
        boolean unknown = returnTime == UNKNOWN_RETURN;
        if (unknown && (read != null || ok)) {
            throw new IllegalArgumentException("operation " + id
                    + ": an unknown outcome has no output; leave read ABSENT and ok false");
        }
        switch (kind) {
            case GET -> require(id, value == null && expected == null && !ok,
                    "GET takes no value, expected or ok; put the value read in 'read'");
            case PUT -> require(id, value != null && expected == null && read == null && !ok,
                    "PUT needs a value and has no expected, read or ok; use DELETE to remove a key");
            case DELETE -> require(id, value == null && expected == null && read == null,
                    "DELETE takes no value, expected or read; put 'key existed' in ok");
            case CAS -> require(id, read == null, "CAS has no read; put 'comparison held' in ok");
            case PUT_IF_ABSENT -> require(id, value != null && expected == null && read == null,
                    "PUT_IF_ABSENT needs a value and has no expected or read");
            default -> throw new IllegalArgumentException("operation " + id + ": unsupported kind " + kind);
        }
    }

    private static void require(long id, boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("operation " + id + ": " + rule);
        }
    }

    /**
     * A completed read.
     *
     * @param read the value returned, or {@link #ABSENT}
     */
    public static Operation get(long id, String clientId, String key, String read, long invokeTime, long returnTime) {
        return new Operation(id, clientId, key, OpKind.GET, null, null, read, false, invokeTime, returnTime);
    }

    /**
     * A completed unconditional write.
     *
     * @param value the value written, not {@link #ABSENT}
     */
    public static Operation put(long id, String clientId, String key, String value, long invokeTime, long returnTime) {
        return new Operation(id, clientId, key, OpKind.PUT, value, null, null, false, invokeTime, returnTime);
    }

    /**
     * A completed delete.
     *
     * @param existed whether the store said the key existed
     */
    public static Operation delete(long id, String clientId, String key, boolean existed, long invokeTime, long returnTime) {
        return new Operation(id, clientId, key, OpKind.DELETE, null, null, null, existed, invokeTime, returnTime);
    }

    /**
     * A completed compare-and-set.
     *
     * @param expected the value compared against, or {@link #ABSENT}
     * @param replacement the value written if the comparison held, or {@link #ABSENT} to delete
     * @param ok whether the store said the comparison held
     */
    public static Operation cas(long id, String clientId, String key, String expected, String replacement, boolean ok,
            long invokeTime, long returnTime) {
        return new Operation(id, clientId, key, OpKind.CAS, replacement, expected, null, ok, invokeTime, returnTime);
    }

    /**
     * A completed put-if-absent.
     *
     * @param value the value written if the key was absent, not {@link #ABSENT}
     * @param ok whether the store said it wrote the value
     */
    public static Operation putIfAbsent(long id, String clientId, String key, String value, boolean ok,
            long invokeTime, long returnTime) {
        return new Operation(id, clientId, key, OpKind.PUT_IF_ABSENT, value, null, null, ok, invokeTime, returnTime);
    }

    /**
     * This operation with its outcome unknown: output cleared and return time {@link #UNKNOWN_RETURN}.
     * An unknown GET constrains nothing and the checker ignores it.
     */
    public Operation withUnknownOutcome() {
        return new Operation(id, clientId, key, kind, value, expected, null, false, invokeTime, UNKNOWN_RETURN);
    }

    /** Whether the outcome is unknown, i.e. the operation may or may not have taken effect. */
    public boolean isUnknown() {
        return returnTime == UNKNOWN_RETURN;
    }

    /**
     * A short human-readable form for explanations, e.g. {@code #7 c2 GET k -> "a" [10, 12]} or
     * {@code #8 c1 CAS k "a" -> "b" = ? [13, ?]}.
     */
    public String describe() {
        String what = switch (kind) {
            case GET -> "GET " + key + " -> " + (isUnknown() ? "?" : show(read));
            case PUT -> "PUT " + key + " " + show(value);
            case DELETE -> "DELETE " + key + " = " + outcome("existed", "absent");
            case CAS -> "CAS " + key + " " + show(expected) + " -> " + show(value) + " = " + outcome("ok", "failed");
            case PUT_IF_ABSENT -> "PUT_IF_ABSENT " + key + " " + show(value) + " = " + outcome("ok", "failed");
        };
        return "#" + id + " " + clientId + " " + what + " [" + invokeTime + ", "
                + (isUnknown() ? "?" : String.valueOf(returnTime)) + "]";
    }

    private String outcome(String yes, String no) {
        return isUnknown() ? "?" : ok ? yes : no;
    }

    static String show(String value) {
        return value == null ? "ABSENT" : '"' + value + '"';
    }
}
