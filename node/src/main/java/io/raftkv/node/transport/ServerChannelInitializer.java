package io.raftkv.node.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameEncoder;
import io.raftkv.client.protocol.FrameType;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Pipeline of an accepted connection: TLS first when configured, idle detection, frame decoder (pre-handshake limit until
 * the handshake is accepted), encoder, the accepting side of the handshake, and the guard that
 * closes and logs on any protocol error.
 */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final TransportConfig config;
    private final Predicate<String> isKnownPeer;
    private final PeerMessageSink peerSink;
    private final ClientRequestSink clientSink;
    private final TransportMetrics metrics;
    private final BiConsumer<String, Channel> onPeerAccepted;
    private final ClientAuthenticator authenticator;
    private final FrameEncoder encoder;
    private final ConnectionGuardHandler guard;
    /** Null for plain TCP. */
    private final SslContext tls;

    ServerChannelInitializer(TransportConfig config, Predicate<String> isKnownPeer, PeerMessageSink peerSink,
            ClientRequestSink clientSink, TransportMetrics metrics, BiConsumer<String, Channel> onPeerAccepted,
            SslContext tls, ClientAuthenticator authenticator) {
        this.tls = tls;
        this.authenticator = authenticator;
        this.config = config;
        this.onPeerAccepted = onPeerAccepted;
        this.isKnownPeer = isKnownPeer;
        this.peerSink = peerSink;
        this.clientSink = clientSink;
        this.metrics = metrics;
        this.encoder = new FrameEncoder(config.checksum(), config.limits().maxFrameBytes());
        this.guard = new ConnectionGuardHandler(metrics, config.nodeId() + " inbound", config.idleTimeout());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new FrameDecoder(FrameType.HANDSHAKE, config.limits().maxPreHandshakeFrameBytes()))
                .addLast("encoder", encoder)
                .addLast("handshake", new ServerHandshakeHandler(config, isKnownPeer, peerSink, clientSink, metrics,
                        onPeerAccepted, authenticator))
                .addLast("guard", guard);
    }
}
