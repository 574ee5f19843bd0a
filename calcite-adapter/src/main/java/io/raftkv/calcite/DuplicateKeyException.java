package io.raftkv.calcite;

/** INSERT met a key that already exists; nothing of the statement was written. Use UPSERT to overwrite. SQLState {@code 23505}. */
public final class DuplicateKeyException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "23505";

    /** @param message what happened and what the user can do */
    public DuplicateKeyException(String message) {
        super(SQL_STATE, message, null);
    }

    /**
     * @param message what happened and what the user can do
     * @param cause   the underlying failure
     */
    public DuplicateKeyException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
