package io.raftkv.node.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.raftkv.client.protocol.NettyTransport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's observability port: plain HTTP/1.1 on one Netty event loop thread.
 * {@code GET /metrics} answers the registry in Prometheus text format; {@code GET /health}
 * answers 200 with a JSON line (status, node, role, leader, term) while the node serves and 503
 * once it is stopping or failed. Other paths get 404, other methods 405. No TLS and no
 * authentication: bind it to an address only operators reach (docs/security.md).
 *
 * <p>Threads: {@link #start} and {@link #close} from any thread; requests are answered on the
 * server's own thread, which runs the gauges' suppliers.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);
    /** Requests are a line and a few headers; anything bigger is not a scraper. */
    private static final int MAX_REQUEST_BYTES = 8192;

    private final String nodeId;
    private final InetSocketAddress bindAddress;
    private final MetricRegistry registry;
    private final Supplier<Health> health;
    private final EventLoopGroup group;
    /** Set by {@link #start}; null before. */
    private volatile Channel server;

    /** A server for {@code registry} and {@code health}, not yet listening. */
    public MetricsHttpServer(String nodeId, InetSocketAddress bindAddress, MetricRegistry registry,
            Supplier<Health> health) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.health = Objects.requireNonNull(health, "health");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(nodeId + "-metrics", true),
                NettyTransport.ioHandlerFactory());
    }

    /**
     * Binds and starts answering; blocks until bound. Port 0 picks a free port.
     *
     * @return the bound address
     * @throws MetricsException if the address cannot be bound (the message names it)
     */
    public InetSocketAddress start() {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NettyTransport.serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30), new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_REQUEST_BYTES), new RequestHandler());
                    }
                });
        try {
            server = b.bind(bindAddress).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw new MetricsException("node " + nodeId + " cannot serve metrics on " + bindAddress + ": "
                    + e.getMessage() + "; pick another --metrics-port", e);
        }
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        LOG.info("[{}] metrics and health on http://{}:{}/metrics", nodeId, bound.getHostString(), bound.getPort());
        return bound;
    }

    /** Stops listening and closes open connections; idempotent, blocks up to a few seconds. */
    @Override
    public void close() {
        Channel s = server;
        if (s != null) {
            s.close().awaitUninterruptibly(2000);
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "bad request\n");
                return;
            }
            String path = request.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (!path.equals("/metrics") && !path.equals("/health")) {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
                        "not found; try /metrics or /health\n");
            } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                        "only GET\n");
            } else if (path.equals("/metrics")) {
                respond(ctx, request, HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE,
                        PrometheusText.render(registry));
            } else {
                Health h = health.get();
                respond(ctx, request, h.serving() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "application/json", h.toJson() + "\n");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("[{}] metrics connection from {} closed: {}", nodeId, ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }

        private void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean head = request.method().equals(HttpMethod.HEAD);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
