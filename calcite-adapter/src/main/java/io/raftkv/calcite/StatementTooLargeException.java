package io.raftkv.calcite;

import io.raftkv.client.command.LimitExceededException;

/**
 * A statement (or a transaction's commit) would write one batch over a batch limit:
 * {@code maxBatchBytes} or {@code maxOpsPerBatch}. SQLState {@code 54000} (program limit
 * exceeded). Nothing of it was written; split it into smaller statements.
 */
public final class StatementTooLargeException extends KvSqlException {

    /** Program limit exceeded. */
    public static final String SQL_STATE = "54000";

    /**
     * @param message names the limit, its value and the size found
     * @param cause   the underlying failure, or null
     */
    public StatementTooLargeException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }

    /**
     * The SQL error for a limit a write ran into: {@code 22001} (an {@link InvalidDataException})
     * for the key and value sizes, {@code 54000} for the batch limits and any other. Any thread.
     *
     * @param limitName the limit's configuration name, e.g. {@code maxValueBytes}; may be empty
     * @param message   names the limit and the size found
     * @param cause     the underlying failure, or null
     */
    public static KvSqlException forLimit(String limitName, String message, Throwable cause) {
        if ("maxKeyBytes".equals(limitName) || "maxValueBytes".equals(limitName)) {
            return new InvalidDataException(InvalidDataException.TOO_LONG, message, cause);
        }
        return new StatementTooLargeException(message, cause);
    }

    /** {@link #forLimit(String, String, Throwable)} for a client-side check. */
    public static KvSqlException of(LimitExceededException e) {
        return forLimit(e.limitName(), e.getMessage(), e);
    }
}
