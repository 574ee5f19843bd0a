package io.raftkv.client.rpc;

import io.raftkv.client.protocol.Handshake;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A typed refusal or failure, answered instead of a result.
 *
 * @param code          what went wrong; {@link ErrorCode#retryable()} says whether to try again
 * @param message       a sentence for the user, naming the limit or the field; at most
 *                      {@value #MAX_MESSAGE_BYTES} UTF-8 bytes (longer ones are cut)
 * @param leaderId      for NOT_LEADER: the leader this node knows, else empty
 * @param leaderAddress for NOT_LEADER: that leader's "host:port", else empty
 * @param limitName     for OVERLOADED and LIMIT_EXCEEDED: the limit's configuration name (e.g.
 *                      {@code maxKeyBytes}), else empty
 */
public record ErrorResponse(ErrorCode code, String message, String leaderId, String leaderAddress, String limitName)
        implements Response {

    /** Longest message, in UTF-8 bytes. */
    public static final int MAX_MESSAGE_BYTES = 4096;

    public ErrorResponse {
        Objects.requireNonNull(code, "code");
        message = truncate(Objects.requireNonNull(message, "message"), MAX_MESSAGE_BYTES);
        checkShort("leaderId", leaderId);
        checkShort("leaderAddress", leaderAddress);
        checkShort("limitName", limitName);
    }

    /** NOT_LEADER, with the leader's id and address when known (empty strings when not). */
    public static ErrorResponse notLeader(String leaderId, String leaderAddress, String message) {
        return new ErrorResponse(ErrorCode.NOT_LEADER, message, leaderId, leaderAddress, "");
    }

    /** TIMEOUT. */
    public static ErrorResponse timeout(String message) {
        return new ErrorResponse(ErrorCode.TIMEOUT, message, "", "", "");
    }

    /** OVERLOADED, naming the limit that is full. */
    public static ErrorResponse overloaded(String limitName, String message) {
        return new ErrorResponse(ErrorCode.OVERLOADED, message, "", "", limitName);
    }

    /** LIMIT_EXCEEDED, naming the limit the request is over. */
    public static ErrorResponse limitExceeded(String limitName, String message) {
        return new ErrorResponse(ErrorCode.LIMIT_EXCEEDED, message, "", "", limitName);
    }

    /** OUTCOME_UNKNOWN: proposed, then leadership was lost before the outcome was known. */
    public static ErrorResponse outcomeUnknown(String message) {
        return new ErrorResponse(ErrorCode.OUTCOME_UNKNOWN, message, "", "", "");
    }

    /** BAD_REQUEST. */
    public static ErrorResponse badRequest(String message) {
        return new ErrorResponse(ErrorCode.BAD_REQUEST, message, "", "", "");
    }

    /** INTERNAL. */
    public static ErrorResponse internal(String message) {
        return new ErrorResponse(ErrorCode.INTERNAL, message, "", "", "");
    }

    private static void checkShort(String field, String value) {
        Objects.requireNonNull(value, field + " (empty if none)");
        if (value.getBytes(StandardCharsets.UTF_8).length > Handshake.MAX_ID_BYTES) {
            throw new IllegalArgumentException(field + " must be at most " + Handshake.MAX_ID_BYTES + " UTF-8 bytes");
        }
    }

    /** {@code s} cut so that its UTF-8 form is at most {@code maxBytes}, never splitting a surrogate pair. */
    static String truncate(String s, int maxBytes) {
        if (s.length() * 3 <= maxBytes || s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int end = Math.min(s.length(), maxBytes / 3);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
