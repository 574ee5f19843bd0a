package io.raftkv.testkit;

/**
 * A node process could not be signalled or would not go away: the message names the node, its
 * pid and what to do by hand.
 */
public final class ProcessControlException extends RuntimeException {

    /** With a message naming the node, the pid and the step that failed. */
    public ProcessControlException(String message) {
        super(message);
    }

    /** With a message and the I/O failure behind it. */
    public ProcessControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
