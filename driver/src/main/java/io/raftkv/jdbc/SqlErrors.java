package io.raftkv.jdbc;

import io.raftkv.calcite.KvSqlException;
import io.raftkv.calcite.StatementTooLargeException;
import io.raftkv.calcite.TooManyConnectionsException;
import io.raftkv.client.command.LimitExceededException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns whatever a JDBC call threw (Calcite wraps our typed exceptions several times, and lets
 * AssertionErrors and unchecked exceptions through) into one {@link SQLException} with a
 * standard SQLState and the most useful message. Stateless.
 */
final class SqlErrors {

    /** SQLState for an internal error the user cannot fix (report it). */
    static final String INTERNAL = "XX000";
    /** SQLState for a syntax or validation error. */
    static final String SYNTAX = "42000";
    /** SQLState for a string that cannot be cast to the type it is compared with. */
    static final String INVALID_CAST = "22018";
    /** SQLState for a statement kind raftkv does not support. */
    static final String NOT_SUPPORTED = "0A000";
    /** SQLState for using a closed connection or statement. */
    static final String CLOSED = "08003";

    private SqlErrors() {
    }

    /** The SQLException to throw for {@code t}. */
    static SQLException translate(Throwable t) {
        KvSqlException kv = find(t, KvSqlException.class);
        if (kv != null) {
            return of(kv.getMessage(), kv.sqlState(), t);
        }
        LimitExceededException limit = find(t, LimitExceededException.class);
        if (limit != null) {
            KvSqlException mapped = StatementTooLargeException.of(limit);
            return of(mapped.getMessage(), mapped.sqlState(), t);
        }
        Throwable parse = findByName(t, "org.apache.calcite.sql.parser.SqlParseException");
        if (parse != null) {
            return of("syntax error: " + parse.getMessage(), SYNTAX, t);
        }
        Throwable validate = findByName(t, "org.apache.calcite.runtime.CalciteContextException");
        if (validate != null && String.valueOf(validate.getMessage()).contains("does not allow NULLs")) {
            return of(validate.getMessage(), "23502", t);
        }
        if (validate != null) {
            return of(validate.getMessage(), SYNTAX, t);
        }
        if (t instanceof SQLException s && s.getSQLState() != null) {
            return s;
        }
        // Calcite compares a VARCHAR with a numeric literal by parsing each row's string at run time
        NumberFormatException number = find(t, NumberFormatException.class);
        if (number != null) {
            return of("a value could not be read as a number (" + number.getMessage() + "); compare key and value"
                    + " with string literals, e.g. value = '42'", INVALID_CAST, t);
        }
        UnsupportedOperationException unsupported = find(t, UnsupportedOperationException.class);
        if (unsupported != null) {
            return of(unsupported.getMessage(), NOT_SUPPORTED, t);
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        if (message.contains("closed")) {
            return of(message, CLOSED, t);
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return of(message + (root != t ? " (cause: " + root + ")" : ""), INTERNAL, t);
    }

    /** An exception of the JDBC subclass matching {@code sqlState}'s class. */
    static SQLException of(String message, String sqlState, Throwable cause) {
        String cls = sqlState.substring(0, 2);
        switch (cls) {
            case "08":
                return sqlState.equals("08007") || sqlState.equals("08006")
                        ? new SQLTransientConnectionException(message, sqlState, cause)
                        : new SQLNonTransientConnectionException(message, sqlState, cause);
            case "22":
                return new SQLDataException(message, sqlState, cause);
            case "23":
                return new SQLIntegrityConstraintViolationException(message, sqlState, cause);
            case "40":
                return new SQLTransactionRollbackException(message, sqlState, cause);
            case "42":
                return new SQLSyntaxErrorException(message, sqlState, cause);
            case "28":
                return new SQLInvalidAuthorizationSpecException(message, sqlState, cause);
            case "53":
                // Too many connections passes as others close; other class 53 states (disk full, out of memory) do not.
                return sqlState.equals(TooManyConnectionsException.SQL_STATE)
                        ? new SQLTransientConnectionException(message, sqlState, cause)
                        : new SQLException(message, sqlState, cause);
            case "0A":
                return new SQLFeatureNotSupportedException(message, sqlState, cause);
            case "HY":
            case "57":
                return new SQLTimeoutException(message, sqlState, cause);
            default:
                return new SQLException(message, sqlState, cause);
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable findByName(Throwable t, String className) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getName().equals(className)) {
                return c;
            }
        }
        return null;
    }
}
