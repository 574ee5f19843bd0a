package io.raftkv.calcite;

/**
 * A failure the SQL layer reports with a standard SQLState. Unchecked because it crosses Calcite's
 * generated code; the driver turns it into a {@link java.sql.SQLException} with {@link #sqlState()}.
 */
public abstract sealed class KvSqlException extends RuntimeException
        permits StoreUnavailableException, StoreTimeoutException, StatementCancelledException,
                OutcomeUnknownException, WriteConflictException, DuplicateKeyException,
                InvalidDataException, UnsupportedStatementException, StatementTooLargeException,
                AuthenticationFailedException, TooManyConnectionsException {

    private final String sqlState;

    protected KvSqlException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The five-character SQLState, e.g. {@code 40001}. */
    public String sqlState() {
        return sqlState;
    }
}
