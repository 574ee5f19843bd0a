package io.raftkv.client.command;

/**
 * A key, value or batch is larger than a configured limit, or a batch has too many ops. Nothing
 * of the command was written.
 * The message names the limit and how to raise it.
 */
public final class LimitExceededException extends IllegalArgumentException {

    private final String limitName;
    private final long limit;
    private final long actual;

    /**
     * @param limitName the limit's configuration name, e.g. {@code maxKeyBytes}
     * @param limit     the configured limit
     * @param actual    the size found
     * @param what      what was too large, e.g. "key of op 3"
     */
    public LimitExceededException(String limitName, long limit, long actual, String what) {
        this(limitName, limit, actual, what, "bytes");
    }

    /**
     * @param limitName the limit's configuration name, e.g. {@code maxOpsPerBatch}
     * @param limit     the configured limit
     * @param actual    the amount found
     * @param what      what was too large, e.g. "the command"
     * @param unit      what {@code limit} and {@code actual} count, e.g. "ops"
     */
    public LimitExceededException(String limitName, long limit, long actual, String what, String unit) {
        super(what + " has " + actual + " " + unit + ", over the limit " + limitName + " = " + limit
                + " " + unit + "; split the data or raise " + limitName);
        this.limitName = limitName;
        this.limit = limit;
        this.actual = actual;
    }

    /** The name of the limit that was exceeded. */
    public String limitName() {
        return limitName;
    }

    /** The limit's value (bytes, or ops for {@code maxOpsPerBatch}). */
    public long limit() {
        return limit;
    }

    /** The amount that exceeded it, in the limit's unit. */
    public long actual() {
        return actual;
    }
}
