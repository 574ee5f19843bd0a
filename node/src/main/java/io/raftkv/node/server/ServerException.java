package io.raftkv.node.server;

/**
 * The node server cannot start or go on: a data directory that does not fit the command line, a
 * file that cannot be written, a stopped server. The message says what to do.
 */
public class ServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
