package io.raftkv.node.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.raftkv.client.protocol.ProtocolException;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every pipeline: closes a connection that broke the protocol or went idle,
 * logs why at WARN with the remote address, and counts it. Socket errors (reset by peer) are
 * ordinary and logged at DEBUG.
 *
 * <p>Thread: sharable, stateless apart from its counters; runs on the channel's event loop.
 */
@Sharable
final class ConnectionGuardHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuardHandler.class);

    private final TransportMetrics metrics;
    /** Whose connections these are, e.g. "n1 inbound" or "n1 outbound"; only for logs. */
    private final String side;
    private final Duration idleTimeout;

    ConnectionGuardHandler(TransportMetrics metrics, String side, Duration idleTimeout) {
        this.metrics = metrics;
        this.side = side;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolException protocol = findProtocolException(cause);
        if (protocol != null) {
            metrics.recordProtocolError(protocol.reason());
            LOG.warn("{}: closing connection with {}: {}", side, ctx.channel().remoteAddress(), protocol.getMessage());
        } else if (findTlsFailure(cause) != null) {
            metrics.recordTlsFailure();
            LOG.warn("{}: closing connection with {}: TLS handshake failed: {}", side, ctx.channel().remoteAddress(),
                    findTlsFailure(cause).getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("{}: connection with {} failed: {}", side, ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("{}: closing connection with {} after an unexpected error", side,
                    ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (!ctx.channel().isActive()) {
                return;
            }
            metrics.recordIdleClosed();
            LOG.warn("{}: closing connection with {}: no bytes for {} ms (idleTimeout)", side,
                    ctx.channel().remoteAddress(), idleTimeout.toMillis());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** The TLS failure in {@code t}'s cause chain, or null. */
    static javax.net.ssl.SSLException findTlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException e) {
                return e;
            }
        }
        return null;
    }

    static ProtocolException findProtocolException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProtocolException p) {
                return p;
            }
        }
        return null;
    }

    /** Untrusted text made safe for one log line: control characters become '?'. */
    static String printable(String untrusted) {
        StringBuilder b = new StringBuilder(untrusted.length());
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
