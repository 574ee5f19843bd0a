package io.raftkv.node.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames on a peer connection after its handshake, inbound or outbound: Raft messages go to
 * the {@link PeerMessageSink}, PING is answered with PONG, anything else closes the connection.
 *
 * <p>Thread: one instance per channel, on its event loop.
 */
final class PeerFrameHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(PeerFrameHandler.class);

    private final String peerId;
    private final PeerMessageSink sink;
    private final TransportMetrics metrics;

    PeerFrameHandler(String peerId, PeerMessageSink sink, TransportMetrics metrics) {
        this.peerId = peerId;
        this.sink = sink;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case RAFT_MESSAGE -> deliver(ctx, frame);
            case PING -> ctx.writeAndFlush(Frame.empty(FrameType.PONG), ctx.voidPromise());
            case PONG -> {
                // Liveness only: reading it already reset the idle timer.
            }
            default -> throw new ProtocolException(ProtocolException.Reason.UNEXPECTED_FRAME,
                    "a peer connection carries RAFT_MESSAGE, PING and PONG frames, not " + frame.type());
        }
    }

    private void deliver(ChannelHandlerContext ctx, Frame frame) {
        try {
            sink.onPeerMessage(peerId, frame.type(), frame.body());
        } catch (RuntimeException e) {
            metrics.recordSinkFailure();
            LOG.error("PeerMessageSink failed on a {} from {}; closing the connection so the peer reconnects",
                    frame.type(), peerId, e);
            ctx.close();
        }
    }
}
