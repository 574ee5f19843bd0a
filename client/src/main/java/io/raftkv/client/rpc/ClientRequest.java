package io.raftkv.client.rpc;

import java.util.Objects;

/**
 * One request on a client connection: the body of a CLIENT_REQUEST frame, encoded by
 * {@link RequestCodec}. Many requests may be in flight on one connection; the node answers each
 * with a {@link ClientResponse} carrying the same request id, in any order.
 *
 * @param requestId     chosen by the client, unique among its requests in flight on the connection
 *                      (any long; the Java client counts up from 1)
 * @param timeoutMillis how long the node may work on the request from its arrival, 1..{@link #MAX_TIMEOUT_MILLIS};
 *                      after that it answers {@link ErrorCode#TIMEOUT} (or nothing, if the client is gone)
 * @param request       what is asked
 */
public record ClientRequest(long requestId, int timeoutMillis, Request request) {

    /** Longest timeout a request may carry: one hour. */
    public static final int MAX_TIMEOUT_MILLIS = 3_600_000;

    public ClientRequest {
        if (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("timeoutMillis must be in 1.." + MAX_TIMEOUT_MILLIS + ", was "
                    + timeoutMillis);
        }
        Objects.requireNonNull(request, "request");
    }
}
