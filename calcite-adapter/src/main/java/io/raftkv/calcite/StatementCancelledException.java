package io.raftkv.calcite;

/** {@code Statement.cancel()} stopped the statement; SQLState {@code 57014}. Writes not yet sent were not sent. */
public final class StatementCancelledException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "57014";

    public StatementCancelledException() {
        super(SQL_STATE, "the statement was cancelled", null);
    }
}
