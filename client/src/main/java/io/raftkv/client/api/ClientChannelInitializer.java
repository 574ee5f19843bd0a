package io.raftkv.client.api;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameEncoder;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolLimits;

import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a client connection: writer-idle detection (to PING), frame decoder expecting a
 * HANDSHAKE_REPLY first, frame encoder, and the handler that does the handshake and matches answers.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ClientConfig config;
    private final NodeConnection connection;

    ClientChannelInitializer(ClientConfig config, NodeConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, config.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new FrameDecoder(FrameType.HANDSHAKE_REPLY,
                        ProtocolLimits.DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES))
                .addLast("encoder", new FrameEncoder(config.checksum(), config.maxFrameBytes()))
                .addLast("handler", new ClientConnectionHandler(config, connection));
    }
}
