package io.raftkv.calcite;

/** A write was sent but its result was lost (connection dropped, leader changed, deadline passed): it may or may not have been committed. Read the keys to find out before retrying. SQLState {@code 08007}. */
public final class OutcomeUnknownException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "08007";

    /** @param message what happened and what the user can do */
    public OutcomeUnknownException(String message) {
        super(SQL_STATE, message, null);
    }

    /**
     * @param message what happened and what the user can do
     * @param cause   the underlying failure
     */
    public OutcomeUnknownException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
