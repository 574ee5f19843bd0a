package io.raftkv.calcite;

/** A statement or clause the SQL layer does not support (e.g. changing a key with UPDATE). SQLState {@code 0A000}. */
public final class UnsupportedStatementException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "0A000";

    /** @param message what happened and what the user can do */
    public UnsupportedStatementException(String message) {
        super(SQL_STATE, message, null);
    }

    /**
     * @param message what happened and what the user can do
     * @param cause   the underlying failure
     */
    public UnsupportedStatementException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
