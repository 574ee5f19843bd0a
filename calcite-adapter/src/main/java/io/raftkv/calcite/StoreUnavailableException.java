package io.raftkv.calcite;

/** No node of the cluster could be reached or none accepted the call; nothing was written. SQLState {@code 08006}. */
public final class StoreUnavailableException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "08006";

    /** @param message what happened and what the user can do */
    public StoreUnavailableException(String message) {
        super(SQL_STATE, message, null);
    }

    /**
     * @param message what happened and what the user can do
     * @param cause   the underlying failure
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
