package io.raftkv.node.transport;

import io.raftkv.client.protocol.FrameType;

/**
 * Receives requests from clients whose handshake was accepted, and answers them through the
 * {@link ClientConnection} they came on. Implemented by the server loop.
 */
public interface ClientRequestSink {

    /**
     * One request, in the order the client sent it on that connection. Each request must be
     * answered by exactly one {@link ClientConnection#respond} (that is what frees its in-flight
     * slot; after {@code maxRequestsInFlightPerConnection} unanswered requests the transport stops
     * reading from the connection).
     *
     * <p>Thread: called on a Netty event loop thread; must not block.
     *
     * @param connection where the request came from and where to answer
     * @param type       {@link FrameType#CLIENT_REQUEST} today
     * @param body       the frame body, owned by the callee from now on
     * @throws RuntimeException only for a bug in the callee: logged at ERROR, connection closed
     */
    void onClientRequest(ClientConnection connection, FrameType type, byte[] body);

    /**
     * The connection closed, for whatever reason; answers to it are dropped from now on.
     * Thread: the connection's event loop; must not block. Default: nothing.
     */
    default void onClientDisconnected(ClientConnection connection) {
    }
}
