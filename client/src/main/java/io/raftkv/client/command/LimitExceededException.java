package io.raftkv.client.command;

/**
 * A key, value or batch is larger than a configured limit. Nothing of the command was written.
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
        super(what + " is " + actual + " bytes, over the limit " + limitName + " = " + limit
                + " bytes; split the data or raise " + limitName);
        this.limitName = limitName;
        this.limit = limit;
        this.actual = actual;
    }

    /** The name of the limit that was exceeded. */
    public String limitName() {
        return limitName;
    }

    /** The limit's value in bytes. */
    public long limit() {
        return limit;
    }

    /** The size that exceeded it. */
    public long actual() {
        return actual;
    }
}
