package io.raftkv.client.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.Role;
import io.raftkv.client.rpc.ResponseCodec;

import javax.net.ssl.SSLException;

/**
 * The connecting side of the handshake and of the AUTH step that follows it, then the reader of answers: CLIENT_RESPONSE frames are
 * decoded and handed to their waiting request, PONG is ignored, anything else (or any decode
 * failure) closes the connection, which fails every request in flight on it.
 *
 * <p>Thread: one instance per channel, on its event loop.
 */
final class ClientConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private final ClientConfig config;
    private final NodeConnection connection;
    /** False until the node accepted the handshake and then the AUTH step. */
    private boolean open;
    /** True between an accepted handshake and the AUTH_REPLY. */
    private boolean awaitingAuth;
    /** The first failure seen, reported when the channel closes; null if none. */
    private Throwable failure;

    ClientConnectionHandler(ClientConfig config, NodeConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Handshake.current(config.clusterId(), config.clientName(), Role.CLIENT).toFrame(),
                ctx.voidPromise());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) throws ProtocolException {
        if (awaitingAuth) {
            authReply(ctx, frame);
            return;
        }
        if (!open) {
            handshakeReply(ctx, frame);
            return;
        }
        if (frame.type() == FrameType.CLIENT_RESPONSE) {
            connection.answer(ResponseCodec.decode(frame.body()));
        } else if (frame.type() != FrameType.PONG) {
            throw new ProtocolException(ProtocolException.Reason.UNEXPECTED_FRAME,
                    "a node sends CLIENT_RESPONSE and PONG frames to a client, not " + frame.type());
        }
    }

    private void handshakeReply(ChannelHandlerContext ctx, Frame frame) throws ProtocolException {
        FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
        HandshakeReply reply;
        try {
            reply = HandshakeReply.decode(frame.body());
        } catch (ProtocolException e) {
            decoder.refuse();
            throw e;
        }
        if (reply.isAccepted()) {
            // Protocol version 4: credentials (or none) right after the handshake, before any request.
            decoder.expectNext(FrameType.AUTH_REPLY);
            awaitingAuth = true;
            AuthRequest auth = config.credentials() == null ? AuthRequest.none() : config.credentials().toRequest();
            ctx.writeAndFlush(auth.toFrame(), ctx.voidPromise());
            return;
        }
        decoder.refuse();
        String message = "node " + reply.nodeId() + " at " + connection.address() + " refused the connection: "
                + reply.detail();
        if (reply.outcome() == HandshakeOutcome.REFUSED_CLUSTER_ID || reply.outcome() == HandshakeOutcome.REFUSED_VERSION) {
            connection.failReady(new HandshakeRefusedException(reply.outcome(), message));
        } else {
            connection.failReady(ConnectionLostException.refused(reply.outcome(), message));
        }
        ctx.close();
    }

    private void authReply(ChannelHandlerContext ctx, Frame frame) throws ProtocolException {
        FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
        awaitingAuth = false;
        AuthReply reply;
        try {
            reply = AuthReply.decode(frame.body());
        } catch (ProtocolException e) {
            decoder.refuse();
            throw e;
        }
        if (reply.isAccepted()) {
            decoder.open(config.maxFrameBytes());
            open = true;
            connection.handshakeAccepted();
            return;
        }
        decoder.refuse();
        String user = config.credentials() == null ? "no user" : "user '" + config.credentials().user() + "'";
        String message = "node at " + connection.address() + " refused " + user + ": " + reply.detail();
        if (reply.outcome() == AuthOutcome.REFUSED_NO_USERS_YET) {
            connection.failReady(new ConnectionLostException(reply.outcome() + ": " + message, false, null));
        } else {
            connection.failReady(new AuthenticationException(reply.outcome(), message));
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                tlsFailed(ctx, done.cause());
            }
            return;
        }
        if (evt instanceof IdleStateEvent && open) {
            ctx.writeAndFlush(Frame.empty(FrameType.PING), ctx.voidPromise());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!open && config.tls() != null && unwrapDecoder(cause) instanceof SSLException) {
            // TLS 1.3: a node refusing the client's certificate says so after the client finished its handshake.
            tlsFailed(ctx, cause);
            return;
        }
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    /**
     * A failed TLS handshake: a certificate or protocol problem fails the connection with a
     * {@link TlsHandshakeException} (not retried); the connection closing during the handshake is
     * an ordinary lost connection (retried: the node may be restarting or over its connection limit).
     */
    private void tlsFailed(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = unwrapDecoder(cause);
        String why = String.valueOf(c.getMessage());
        if (c instanceof SSLException && !why.contains("closed while")) {
            NodeAddress node = connection.address();
            String hint = c instanceof NotSslRecordException
                    ? "the node did not answer with TLS: is TLS on for it (--tls-cert/--tls-key/--tls-ca)?"
                    : "is the node's certificate issued by the CA the client trusts, TLS on for the node, and the"
                    + " client certificate (if any) issued by the node's CA?";
            connection.failReady(new TlsHandshakeException(node, "TLS handshake with " + node + " failed: " + why
                    + " (client trusts " + config.tls().trustDescription() + "); " + hint, c));
        } else if (failure == null) {
            failure = new SSLException("connection closed during the TLS handshake (" + why + "); is TLS on for the"
                    + " node?", c);
        }
        ctx.close();
    }

    private static Throwable unwrapDecoder(Throwable t) {
        return t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.closed(failure);
        super.channelInactive(ctx);
    }
}
