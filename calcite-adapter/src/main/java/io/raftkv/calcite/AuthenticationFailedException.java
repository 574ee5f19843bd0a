package io.raftkv.calcite;

/**
 * A node refused the connection's user and password (unknown user, wrong password, none given, or
 * too many failed attempts); nothing was sent or written. SQLState {@code 28000} (invalid
 * authorization specification); not worth retrying until the credentials change.
 */
public final class AuthenticationFailedException extends KvSqlException {

    /** SQLState of this failure. */
    public static final String SQL_STATE = "28000";

    /**
     * @param message what the node said, naming the user and, when rate-limited, saying so
     * @param cause   the client's refusal
     */
    public AuthenticationFailedException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
