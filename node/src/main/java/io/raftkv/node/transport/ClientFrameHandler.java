package io.raftkv.node.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames on a client connection after its handshake: requests go to the
 * {@link ClientRequestSink}, PING is answered with PONG, anything else closes the connection.
 *
 * <p>Thread: one instance per channel, on its event loop.
 */
final class ClientFrameHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientFrameHandler.class);

    private final ClientConnection connection;
    private final ClientRequestSink sink;
    private final TransportMetrics metrics;

    ClientFrameHandler(ClientConnection connection, ClientRequestSink sink, TransportMetrics metrics) {
        this.connection = connection;
        this.sink = sink;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case CLIENT_REQUEST -> deliver(ctx, frame);
            case PING -> ctx.writeAndFlush(Frame.empty(FrameType.PONG), ctx.voidPromise());
            default -> throw new ProtocolException(ProtocolException.Reason.UNEXPECTED_FRAME,
                    "a client connection carries CLIENT_REQUEST and PING frames, not " + frame.type());
        }
    }

    private void deliver(ChannelHandlerContext ctx, Frame frame) {
        connection.requestArrived();
        try {
            sink.onClientRequest(connection, frame.type(), frame.body());
        } catch (RuntimeException e) {
            metrics.recordSinkFailure();
            LOG.error("ClientRequestSink failed on a request from {}; closing the connection", connection, e);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            sink.onClientDisconnected(connection);
        } catch (RuntimeException e) {
            metrics.recordSinkFailure();
            LOG.error("ClientRequestSink.onClientDisconnected failed for {}", connection, e);
        }
        super.channelInactive(ctx);
    }
}
