package io.raftkv.node.transport;

import io.raftkv.client.protocol.FrameType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A started {@link NodeTransport} on 127.0.0.1 with an ephemeral port and sinks that record
 * what arrives; client requests are echoed back unless {@link #echo} is off.
 */
final class TestNode implements AutoCloseable {

    record PeerMessage(String peerId, FrameType type, byte[] body) {
    }

    final List<PeerMessage> peerMessages = Collections.synchronizedList(new ArrayList<>());
    final List<byte[]> clientRequests = new CopyOnWriteArrayList<>();
    final List<ClientConnection> clientConnections = new CopyOnWriteArrayList<>();
    final List<ClientConnection> disconnected = new CopyOnWriteArrayList<>();
    volatile boolean echo = true;
    /** When set, the client sink throws it, as a buggy server loop would. */
    volatile RuntimeException failWith;
    final NodeTransport transport;
    final InetSocketAddress address;

    TestNode(String cluster, String id, UnaryOperator<TransportConfig> tweak) throws TransportException {
        this(cluster, id, tweak, ClientAuthenticator.OFF);
    }

    TestNode(String cluster, String id, UnaryOperator<TransportConfig> tweak, ClientAuthenticator authenticator)
            throws TransportException {
        TransportConfig config = tweak.apply(TransportConfig.of(cluster, id, new InetSocketAddress("127.0.0.1", 0),
                Map.of()));
        transport = new NodeTransport(config,
                (peer, type, body) -> peerMessages.add(new PeerMessage(peer, type, body)),
                new ClientRequestSink() {
                    @Override
                    public void onClientRequest(ClientConnection connection, FrameType type, byte[] body) {
                        RuntimeException failure = failWith;
                        if (failure != null) {
                            throw failure;
                        }
                        clientRequests.add(body);
                        clientConnections.add(connection);
                        if (echo) {
                            connection.respond(body);
                        }
                    }

                    @Override
                    public void onClientDisconnected(ClientConnection connection) {
                        disconnected.add(connection);
                    }
                }, authenticator);
        address = transport.start();
    }

    TestNode(String cluster, String id) throws TransportException {
        this(cluster, id, c -> c);
    }

    TransportMetrics metrics() {
        return transport.metrics();
    }

    @Override
    public void close() {
        transport.close();
    }
}
