package io.raftkv.node.storage;

/**
 * The storage failed or found itself inconsistent: a JE error (disk full below
 * {@code je.freeDisk}, I/O error, environment invalidated), a corrupt record, or an environment
 * that is not a raftkv data directory. After one of these the storage must be closed; the node
 * stops rather than run on state it cannot trust (fail closed).
 */
public class StorageException extends RuntimeException {

    /** @param message what failed and what the operator can do */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what the operator can do
     * @param cause   the JE or codec exception
     */
    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
