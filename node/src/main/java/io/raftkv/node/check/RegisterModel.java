package io.raftkv.node.check;

/**
 * The sequential specification of one key: a register that holds a value or is absent.
 * Values are interned to small ints by {@link KeyHistory}; {@link #ABSENT} is 0.
 *
 * <p>A completed operation must produce exactly the output the register would; an operation with
 * an unknown outcome accepts any output, so it is always legal and only its effect on the state
 * matters.
 */
final class RegisterModel {

    /** The interned code of a missing key. */
    static final int ABSENT = 0;

    /** Returned by {@link #step} when the output contradicts the state. */
    static final int ILLEGAL = -1;

    private RegisterModel() {
    }

    /**
     * Applies one operation to {@code state}.
     *
     * @param value interned value written (PUT, PUT_IF_ABSENT) or new value (CAS)
     * @param expected interned value CAS compares against
     * @param read interned value GET returned
     * @param ok DELETE existed / CAS and PUT_IF_ABSENT succeeded
     * @param unknown whether the output is unknown (then it is not compared)
     * @return the state after the operation, or {@link #ILLEGAL} if the recorded output is not
     *     what the register would have produced in {@code state}
     */
    static int step(OpKind kind, int value, int expected, int read, boolean ok, boolean unknown, int state) {
        switch (kind) {
            case GET:
                return unknown || read == state ? state : ILLEGAL;
            case PUT:
                return value;
            case DELETE:
                return unknown || ok == (state != ABSENT) ? ABSENT : ILLEGAL;
            case CAS:
                return conditional(state == expected, value, ok, unknown, state);
            case PUT_IF_ABSENT:
                return conditional(state == ABSENT, value, ok, unknown, state);
            default:
                throw new IllegalArgumentException("no register rule for " + kind);
        }
    }

    private static int conditional(boolean holds, int value, boolean ok, boolean unknown, int state) {
        if (!unknown && ok != holds) {
            return ILLEGAL;
        }
        return holds ? value : state;
    }
}
