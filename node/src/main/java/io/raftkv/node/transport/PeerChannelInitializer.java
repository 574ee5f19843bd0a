package io.raftkv.node.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameEncoder;
import io.raftkv.client.protocol.FrameType;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of an outbound peer connection: TLS first when configured (presenting this node's
 * certificate), idle detection (nothing read for a third of the
 * idle timeout: PING; for the whole timeout: close), frame codec, the connecting side of the
 * handshake, and the guard.
 */
final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** The sender that opened the channel; set before the channel registers. */
    static final AttributeKey<PeerSender> SENDER = AttributeKey.valueOf("raftkv.peerSender");

    private final TransportConfig config;
    private final PeerMessageSink sink;
    private final TransportMetrics metrics;
    private final FrameEncoder encoder;
    private final ConnectionGuardHandler guard;
    /** Null for plain TCP. */
    private final SslContext tls;

    PeerChannelInitializer(TransportConfig config, PeerMessageSink sink, TransportMetrics metrics, SslContext tls) {
        this.tls = tls;
        this.config = config;
        this.sink = sink;
        this.metrics = metrics;
        this.encoder = new FrameEncoder(config.checksum(), config.limits().maxFrameBytes());
        this.guard = new ConnectionGuardHandler(metrics, config.nodeId() + " outbound", config.idleTimeout());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long idleMs = config.idleTimeout().toMillis();
        PeerSender sender = ch.attr(SENDER).get();
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline().addLast("idle", new IdleStateHandler(Math.max(1, idleMs / PeerHandshakeHandler.SILENT_PERIODS_BEFORE_CLOSE),
                        0, 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new FrameDecoder(FrameType.HANDSHAKE_REPLY,
                        config.limits().maxPreHandshakeFrameBytes()))
                .addLast("encoder", encoder)
                .addLast("handshake", new PeerHandshakeHandler(config, sender, sink, metrics))
                .addLast("guard", guard);
    }
}
