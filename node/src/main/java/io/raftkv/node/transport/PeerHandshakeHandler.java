package io.raftkv.node.transport;

import static io.raftkv.node.transport.ConnectionGuardHandler.printable;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connecting side of a peer handshake: sends this node's {@link Handshake} when the socket
 * opens and waits for the reply. Accepted: the decoder opens, a {@link PeerFrameHandler} takes
 * over reading, and the {@link PeerSender} starts draining. Refused: logged at WARN, closed; the
 * sender reconnects with backoff (an operator may fix the membership meanwhile).
 *
 * <p>Liveness: this side mostly writes (answers come back on the peer's own connection), so
 * it sends a PING whenever nothing was read for a third of the idle timeout; the PONG keeps
 * both sides' idle detection quiet on a healthy link. After three such periods without a byte
 * the peer is presumed gone and the connection is closed (the sender reconnects).
 *
 * <p>Thread: one instance per channel, on its event loop.
 */
final class PeerHandshakeHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(PeerHandshakeHandler.class);

    private final TransportConfig config;
    private final PeerSender sender;
    private final PeerMessageSink sink;
    private final TransportMetrics metrics;
    /** Reader-idle periods (a third of the idle timeout each) before the connection is closed. */
    static final int SILENT_PERIODS_BEFORE_CLOSE = 3;

    /** False until the reply accepted us; loop only. */
    private boolean accepted;
    /** Consecutive reader-idle periods since the last frame read; loop only; 0..3. */
    private int silentPeriods;

    PeerHandshakeHandler(TransportConfig config, PeerSender sender, PeerMessageSink sink, TransportMetrics metrics) {
        super(Frame.class, false);
        this.config = config;
        this.sender = sender;
        this.sink = sink;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Handshake.current(config.clusterId(), config.nodeId(), Role.PEER).toFrame(),
                ctx.voidPromise());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) throws Exception {
        silentPeriods = 0;
        if (accepted) {
            ctx.fireChannelRead(frame);
            return;
        }
        FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
        HandshakeReply reply;
        try {
            reply = HandshakeReply.decode(frame.body());
        } catch (Exception e) {
            decoder.refuse();
            throw e;
        }
        if (!reply.isAccepted()) {
            decoder.refuse();
            LOG.warn("{} outbound: peer {} at {} (node '{}') refused us: {}: {}", config.nodeId(), sender.peerId(),
                    ctx.channel().remoteAddress(), printable(reply.nodeId()), reply.outcome(),
                    printable(reply.detail()));
            ctx.close();
            return;
        }
        if (CertificateIdentity.isTls(ctx.channel()) && !serverIsPeer(ctx)) {
            decoder.refuse();
            ctx.close();
            return;
        }
        accepted = true;
        decoder.open(config.limits().maxFrameBytes());
        ctx.pipeline().addAfter(ctx.name(), "peer", new PeerFrameHandler(sender.peerId(), sink, metrics));
        sender.onReady(ctx.channel());
    }

    /**
     * With TLS, the node answering at the peer's address must hold a certificate naming the peer
     * we meant to reach (the chain to the cluster CA was checked by the TLS handshake); otherwise
     * a wrong or hijacked address would receive this node's Raft messages.
     */
    private boolean serverIsPeer(ChannelHandlerContext ctx) {
        java.util.Set<String> names = CertificateIdentity.peerCertificate(ctx.channel())
                .map(CertificateIdentity::names).orElse(java.util.Set.of());
        if (names.contains(sender.peerId())) {
            return true;
        }
        LOG.warn("{} outbound: the node at {} is not peer {}: its TLS certificate names {}; closing",
                config.nodeId(), ctx.channel().remoteAddress(), sender.peerId(), printable(names.toString()));
        return false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            silentPeriods++;
            if (silentPeriods < SILENT_PERIODS_BEFORE_CLOSE) {
                if (accepted) {
                    ctx.writeAndFlush(Frame.empty(FrameType.PING), ctx.voidPromise());
                }
                return;
            }
            // A whole idle timeout without a byte, PINGs unanswered: the guard closes and logs.
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            sender.scheduleDrain();
        }
        super.channelWritabilityChanged(ctx);
    }
}
