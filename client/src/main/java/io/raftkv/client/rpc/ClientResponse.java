package io.raftkv.client.rpc;

import java.util.Objects;

/**
 * A node's answer to one {@link ClientRequest}: the body of a CLIENT_RESPONSE frame, encoded by
 * {@link ResponseCodec}. Exactly one response per request.
 *
 * @param requestId the id of the request answered
 * @param response  the result, or an {@link ErrorResponse}
 */
public record ClientResponse(long requestId, Response response) {

    public ClientResponse {
        Objects.requireNonNull(response, "response");
    }
}
