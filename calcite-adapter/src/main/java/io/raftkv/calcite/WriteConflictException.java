package io.raftkv.calcite;

/** A transaction's guarded keys changed after they were read; nothing was written. Retry the transaction. SQLState {@code 40001}. */
public final class WriteConflictException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "40001";

    /** @param message what happened and what the user can do */
    public WriteConflictException(String message) {
        super(SQL_STATE, message, null);
    }

    /**
     * @param message what happened and what the user can do
     * @param cause   the underlying failure
     */
    public WriteConflictException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
