package io.raftkv.node.transport;

import io.raftkv.client.protocol.FrameType;

/**
 * Receives frames from peers whose handshake was accepted. Implemented by the server loop,
 * which decodes the body (e.g. with {@link RaftMessageCodec}) and steps the Raft core.
 */
@FunctionalInterface
public interface PeerMessageSink {

    /**
     * One frame from a peer, in the order the peer sent it on that connection.
     *
     * <p>Thread: called on a Netty event loop thread; must not block (hand the message to the
     * server loop's queue). Messages from one peer arrive on one thread at a time.
     *
     * @param peerId the member id the peer proved in its handshake
     * @param type   {@link FrameType#RAFT_MESSAGE} today; other peer types may be added
     * @param body   the frame body, owned by the callee from now on
     * @throws RuntimeException only for a bug in the callee: the transport logs it at ERROR and
     *                          closes the connection, and the peer reconnects
     */
    void onPeerMessage(String peerId, FrameType type, byte[] body);
}
