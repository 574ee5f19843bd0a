package io.raftkv.node.transport;

import static io.raftkv.node.transport.ConnectionGuardHandler.printable;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.Role;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the handshake. The decoder hands it exactly one HANDSHAKE frame and
 * then decodes nothing until the verdict; this handler checks version, cluster id, peer
 * membership and the connection limit, answers, and either opens the decoder and replaces
 * itself with the role's frame handler, or tells the decoder to discard everything, logs the
 * refusal at WARN with the remote address and closes. A client must then send exactly one AUTH
 * frame, decided by the {@link ClientAuthenticator} off the event loop, before the decoder opens:
 * a refused client never has a request decoded. Passwords are never logged.
 *
 * <p>A connection that has no accepted handshake within twice the idle timeout is closed, so a sender
 * trickling bytes cannot hold a connection slot without identifying itself.
 *
 * <p>Thread: one instance per channel, on its event loop.
 */
final class ServerHandshakeHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHandshakeHandler.class);

    private final TransportConfig config;
    /** Whether an id is a current member other than this node; reads NodeTransport's live peer map. */
    private final Predicate<String> isKnownPeer;
    private final PeerMessageSink peerSink;
    private final ClientRequestSink clientSink;
    private final TransportMetrics metrics;
    /** Told of every accepted peer channel, so removing a member can close it. */
    private final BiConsumer<String, Channel> onPeerAccepted;
    private final ClientAuthenticator authenticator;
    /** Closes the connection if no handshake (and, for a client, AUTH frame) comes in time; null once decided. */
    private ScheduledFuture<?> deadline;
    /** The accepted handshake of a client whose AUTH frame is awaited or being checked; null before and for peers. */
    private Handshake client;

    ServerHandshakeHandler(TransportConfig config, Predicate<String> isKnownPeer, PeerMessageSink peerSink,
            ClientRequestSink clientSink, TransportMetrics metrics, BiConsumer<String, Channel> onPeerAccepted,
            ClientAuthenticator authenticator) {
        this.config = config;
        this.authenticator = authenticator;
        this.onPeerAccepted = onPeerAccepted;
        this.isKnownPeer = isKnownPeer;
        this.peerSink = peerSink;
        this.clientSink = clientSink;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int open = metrics.inboundOpened();
        ctx.channel().closeFuture().addListener(f -> metrics.inboundClosed());
        int hardCap = 2 * config.limits().maxConnectionsPerNode();
        if (open > hardCap) {
            // Unidentified connections cost a buffer each until the handshake; past twice the
            // limit, refuse them without reading a byte (peers reconnect once the flood times out).
            metrics.recordRefusedAtAccept();
            LOG.warn("{} inbound: closing connection with {} at accept: {} open connections exceed 2 x "
                    + "maxConnectionsPerNode ({})", config.nodeId(), ctx.channel().remoteAddress(), open, hardCap);
            ctx.close();
            return;
        }
        // Twice the idle timeout: a silent connection is the idle handler's; this catches tricklers.
        long timeoutMs = 2 * config.idleTimeout().toMillis();
        deadline = ctx.executor().schedule(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            metrics.recordIdleClosed();
            LOG.warn("{} inbound: closing connection with {}: no accepted handshake within {} ms (2 x idleTimeout)",
                    config.nodeId(), ctx.channel().remoteAddress(), timeoutMs);
            ctx.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) throws ProtocolException {
        FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
        if (client != null) {
            auth(ctx, decoder, frame); // the decoder only lets an AUTH frame through now
            return;
        }
        Handshake hello;
        try {
            hello = Handshake.decode(frame.body());
        } catch (ProtocolException e) {
            decoder.refuse();
            throw e;
        }
        HandshakeReply verdict = judge(hello, ctx.channel());
        metrics.recordHandshake(verdict.outcome());
        if (!verdict.isAccepted()) {
            decoder.refuse();
            LOG.warn("{} inbound: refused {} '{}' from {}: {}: {}", config.nodeId(), hello.role(),
                    printable(hello.senderId()), ctx.channel().remoteAddress(), verdict.outcome(), verdict.detail());
            cancelDeadline();
            ctx.writeAndFlush(verdict.toFrame()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (hello.role() == Role.CLIENT) {
            // Protocol version 4: a client's next frame is AUTH; nothing else is decoded before its verdict.
            // The handshake deadline stays armed until that frame arrives.
            client = hello;
            decoder.expectNext(FrameType.AUTH);
            ctx.writeAndFlush(verdict.toFrame(), ctx.voidPromise());
            return;
        }
        cancelDeadline();
        decoder.open(config.limits().maxFrameBytes());
        ctx.writeAndFlush(verdict.toFrame(), ctx.voidPromise());
        ctx.pipeline().replace(this, "peer", new PeerFrameHandler(hello.senderId(), peerSink, metrics));
        onPeerAccepted.accept(hello.senderId(), ctx.channel());
        LOG.debug("{} inbound: accepted {} '{}' from {}", config.nodeId(), hello.role(),
                printable(hello.senderId()), ctx.channel().remoteAddress());
    }

    /** The AUTH frame of an accepted client: hands it to the authenticator, answers on the event loop. */
    private void auth(ChannelHandlerContext ctx, FrameDecoder decoder, Frame frame) throws ProtocolException {
        cancelDeadline();
        AuthRequest request;
        try {
            request = AuthRequest.decode(frame.body());
        } catch (ProtocolException e) {
            decoder.refuse();
            throw e;
        }
        authenticator.authenticate(ctx.channel().remoteAddress(), request).whenComplete((reply, error) ->
                ctx.executor().execute(() -> answerAuth(ctx, decoder, request.user(), reply, error)));
    }

    private void answerAuth(ChannelHandlerContext ctx, FrameDecoder decoder, String user, AuthReply reply,
            Throwable error) {
        if (!ctx.channel().isActive()) {
            return;
        }
        AuthReply verdict = error == null ? reply : new AuthReply(AuthOutcome.REFUSED_CREDENTIALS,
                "node " + config.nodeId() + " could not check the credentials: " + error);
        if (!verdict.isAccepted()) {
            decoder.refuse();
            LOG.warn("{} inbound: refused CLIENT '{}' user '{}' from {}: {}: {}", config.nodeId(),
                    printable(client.senderId()), printable(user), ctx.channel().remoteAddress(), verdict.outcome(),
                    verdict.detail());
            ctx.writeAndFlush(verdict.toFrame()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        decoder.open(config.limits().maxFrameBytes());
        ctx.writeAndFlush(verdict.toFrame(), ctx.voidPromise());
        ctx.pipeline().replace(this, "client", new ClientFrameHandler(new ClientConnection(ctx.channel(),
                client.senderId(), config.limits().maxRequestsInFlightPerConnection()), clientSink, metrics));
        // The verdict came asynchronously: frames a client pipelined after AUTH wait in the decoder's
        // buffer; an empty read from the handler before the decoder makes it decode them now.
        ChannelHandlerContext beforeDecoder = ctx.pipeline().context("idle");
        if (beforeDecoder != null) {
            beforeDecoder.fireChannelRead(Unpooled.EMPTY_BUFFER);
        }
        LOG.debug("{} inbound: accepted CLIENT '{}' user '{}' from {}", config.nodeId(), printable(client.senderId()),
                printable(user), ctx.channel().remoteAddress());
    }

    /**
     * The reply to a handshake: the first rule broken, in the order version, cluster, membership,
     * certificate identity (TLS only), capacity.
     */
    private HandshakeReply judge(Handshake hello, Channel ch) {
        String self = config.nodeId();
        if (hello.protocolVersion() != FrameHeader.CURRENT_VERSION) {
            return HandshakeReply.refused(HandshakeOutcome.REFUSED_VERSION, self, "protocol version "
                    + hello.protocolVersion() + " is not supported; node " + self + " speaks version "
                    + FrameHeader.CURRENT_VERSION);
        }
        if (!hello.clusterId().equals(config.clusterId())) {
            return HandshakeReply.refused(HandshakeOutcome.REFUSED_CLUSTER_ID, self, "cluster id '"
                    + printable(hello.clusterId()) + "' is not this node's cluster '" + config.clusterId() + "'");
        }
        if (hello.role() == Role.PEER && !isKnownPeer.test(hello.senderId())) {
            return HandshakeReply.refused(HandshakeOutcome.REFUSED_UNKNOWN_PEER, self, "peer id '"
                    + printable(hello.senderId()) + "' is not a member of cluster '" + config.clusterId()
                    + "' known to node " + self + "; add it with admin add-member first");
        }
        if (hello.role() == Role.PEER && CertificateIdentity.isTls(ch)) {
            HandshakeReply refused = checkPeerCertificate(hello.senderId(), ch);
            if (refused != null) {
                return refused;
            }
        }
        int open = metrics.openInboundConnections();
        if (hello.role() == Role.CLIENT && open > config.limits().maxConnectionsPerNode()) {
            return HandshakeReply.refused(HandshakeOutcome.REFUSED_CONNECTION_LIMIT, self, "node " + self
                    + " holds " + open + " connections, maxConnectionsPerNode is "
                    + config.limits().maxConnectionsPerNode() + "; retry later or another node");
        }
        return HandshakeReply.accepted(self);
    }

    /**
     * Mutual TLS between peers: a connection claiming to be member X must have presented a
     * certificate of the cluster CA (the TLS handshake verified the chain) naming X as CN or DNS
     * SAN. Without this, any holder of a cluster certificate could speak as any member.
     * Refused as an unknown peer: the protocol has no outcome of its own for it yet.
     */
    private HandshakeReply checkPeerCertificate(String claimed, Channel ch) {
        String self = config.nodeId();
        var cert = CertificateIdentity.peerCertificate(ch);
        if (cert.isEmpty()) {
            return HandshakeReply.refused(HandshakeOutcome.REFUSED_UNKNOWN_PEER, self, "peer '" + printable(claimed)
                    + "' presented no TLS certificate; peers of cluster '" + config.clusterId()
                    + "' must present one issued by the cluster CA (see bin/make-certs)");
        }
        java.util.Set<String> names = CertificateIdentity.names(cert.get());
        if (!names.contains(claimed)) {
            return HandshakeReply.refused(HandshakeOutcome.REFUSED_UNKNOWN_PEER, self, "peer claims id '"
                    + printable(claimed) + "' but its TLS certificate names " + printable(names.toString())
                    + "; issue it a certificate with CN=" + printable(claimed));
        }
        return null;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
