package io.raftkv.calcite;

/**
 * Every node tried refused a new connection because it already holds {@code maxConnectionsPerNode}
 * connections; nothing was sent or written. SQLState {@code 53300} (too_many_connections), as
 * PostgreSQL reports it, so that pools can tell "the cluster is full" from "the cluster is down"
 * and back off instead of opening more. Retrying once connections close is safe.
 */
public final class TooManyConnectionsException extends KvSqlException {

    /** Too many connections. */
    public static final String SQL_STATE = "53300";

    /**
     * @param message names the node and {@code maxConnectionsPerNode}
     * @param cause   the client's timeout whose last try was refused
     */
    public TooManyConnectionsException(String message, Throwable cause) {
        super(SQL_STATE, message, cause);
    }
}
