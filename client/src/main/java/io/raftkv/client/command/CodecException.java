package io.raftkv.client.command;

/**
 * Bytes that are not a valid encoding: truncated, unknown version or tag, a length past the end,
 * an out-of-range number or trailing garbage. The only exception the decoders of this package
 * throw. On disk it means corruption; on the wire, a broken or hostile peer.
 */
public final class CodecException extends Exception {

    /** @param message what is wrong and at which byte offset */
    public CodecException(String message) {
        super(message);
    }
}
