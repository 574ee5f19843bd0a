package io.raftkv.calcite;

/** The statement's deadline (timeoutMs or setQueryTimeout) passed; for a write the outcome is unknown only if it was already sent (then {@link OutcomeUnknownException} is thrown instead). SQLState {@code HYT00}. */
public final class StoreTimeoutException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "HYT00";

    /** @param message what happened and what the user can do */
    public StoreTimeoutException(String message) {
        super(SQL_STATE, message, null);
    }

    /**
     * @param message what happened and what the user can do
     * @param cause   the underlying failure
     */
    public StoreTimeoutException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
