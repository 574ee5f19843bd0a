package io.raftkv.calcite;

/**
 * A value SQL tried to write or compare is not acceptable: a NULL value ({@code 23502}), a key with
 * characters outside the Basic Multilingual Plane ({@code 22021}), a key or value over its size
 * limit ({@code 22001}), a LIMIT or OFFSET that is not a whole number ({@code 2201W},
 * {@code 2201X}). Nothing of the statement was written.
 */
public final class InvalidDataException extends KvSqlException {

    /** NULL where raftkv stores a string. */
    public static final String NULL_VALUE = "23502";
    /** A character raftkv keys do not accept. */
    public static final String BAD_CHARACTER = "22021";
    /** Over a size limit. */
    public static final String TOO_LONG = "22001";
    /** A LIMIT / FETCH row count that is not a whole number. */
    public static final String BAD_ROW_COUNT = "2201W";
    /** An OFFSET that is not a whole number. */
    public static final String BAD_OFFSET = "2201X";

    /**
     * @param sqlState one of the constants of this class
     * @param message  what was wrong and what to do instead
     * @param cause    the underlying failure, or null
     */
    public InvalidDataException(String sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }
}
