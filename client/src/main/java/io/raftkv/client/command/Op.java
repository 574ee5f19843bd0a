package io.raftkv.client.command;

/**
 * One write against one key: a {@link Put} or a {@link Delete}, guarded by a {@link Condition}.
 * Keys are compared as unsigned bytes; SQL keys are UTF-8.
 */
public sealed interface Op permits Put, Delete {

    /** The key written; never null, not copied (do not modify it). */
    byte[] key();

    /** When the op takes effect; never null. */
    Condition condition();
}
