package io.raftkv.client.api;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameEncoder;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolLimits;

import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a client connection: TLS first when configured, writer-idle detection (to PING),
 * frame decoder expecting a HANDSHAKE_REPLY first, frame encoder, and the handler that does the
 * handshake and matches answers. The raftkv handshake written on connect waits in the TLS handler
 * until the TLS handshake is done.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ClientConfig config;
    /** Null for plaintext. */
    private final SslContext sslContext;
    private final NodeConnection connection;

    ClientChannelInitializer(ClientConfig config, SslContext sslContext, NodeConnection connection) {
        this.config = config;
        this.sslContext = sslContext;
        this.connection = connection;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (sslContext != null) {
            NodeAddress a = connection.address();
            ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc(), a.host(), a.port()));
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, config.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new FrameDecoder(FrameType.HANDSHAKE_REPLY,
                        ProtocolLimits.DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES))
                .addLast("encoder", new FrameEncoder(config.checksum(), config.maxFrameBytes()))
                .addLast("handler", new ClientConnectionHandler(config, connection));
    }
}
