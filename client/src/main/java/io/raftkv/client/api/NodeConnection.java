package io.raftkv.client.api;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.raftkv.client.protocol.CoalescingWriter;
import io.netty.handler.ssl.SslContext;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ClientResponse;
import io.raftkv.client.rpc.RequestCodec;
import io.raftkv.client.rpc.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to one node: connect, handshake as a CLIENT, then many requests in
 * flight at once, matched to their answers by request id (answers may come in any order).
 *
 * <p>Thread-safe: {@link #send} and {@link #close} may be called from any thread; the channel's
 * handler completes futures on the channel's event loop, so callbacks run there.
 */
final class NodeConnection {

    private final NodeAddress address;
    private final ClientConfig config;
    /** Completes with this connection once the handshake is accepted; fails if it never is. */
    private final CompletableFuture<NodeConnection> ready = new CompletableFuture<>();
    /** Requests written or being written and not yet answered, by request id. */
    private final Map<Long, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    /** The channel, set once the connect call returns; never null afterwards. */
    private volatile Channel channel;
    /** Requests from any thread, written and flushed together on the event loop; set with channel. */
    private volatile CoalescingWriter writer;

    private NodeConnection(NodeAddress address, ClientConfig config) {
        this.address = address;
        this.config = config;
    }

    /**
     * Starts connecting; non-blocking. The returned connection's {@link #ready()} completes once
     * the node accepts the handshake, or fails with {@link ConnectionLostException} (unreachable,
     * refused for load, no answer within connectTimeout), {@link HandshakeRefusedException} or
     * {@link TlsHandshakeException}.
     *
     * @param sslContext the client's TLS context, or null for plaintext
     */
    static NodeConnection open(Bootstrap bootstrap, NodeAddress address, ClientConfig config, SslContext sslContext) {
        NodeConnection connection = new NodeConnection(address, config);
        Bootstrap b = bootstrap.clone().handler(new ClientChannelInitializer(config, sslContext, connection));
        ChannelFuture connect = b.connect(address.toSocketAddress());
        connection.channel = connect.channel();
        connection.writer = new CoalescingWriter(connect.channel(), null);
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                connection.failReady(new ConnectionLostException("cannot connect to " + address + ": "
                        + f.cause().getMessage(), false, f.cause()));
            }
        });
        try {
            connect.channel().eventLoop().schedule(() -> {
                if (!connection.ready.isDone()) {
                    connection.failReady(new ConnectionLostException("no handshake reply from " + address + " within "
                            + config.connectTimeout().toMillis() + " ms (connectTimeout)", false, null));
                    connection.close();
                }
            }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            connection.failReady(new ClientClosedException("cannot connect to " + address + ": the client is closing"));
            connection.close();
        }
        return connection;
    }

    /** The node this connection goes to. */
    NodeAddress address() {
        return address;
    }

    /** Completes once the handshake is accepted; see {@link #open}. */
    CompletableFuture<NodeConnection> ready() {
        return ready;
    }

    /** False once the connection failed or closed; a new one must be opened then. */
    boolean isUsable() {
        Channel c = channel;
        return !ready.isCompletedExceptionally() && (c == null || c.isOpen());
    }

    /**
     * Writes one request and returns its answer's future. Only after {@link #ready()} completed.
     * The future fails with {@link ConnectionLostException} if the connection breaks first
     * ({@code maybeDelivered} true once the write may have reached the node), or at once with
     * {@link InFlightLimitException} if maxInFlightPerConnection requests are unanswered.
     * Non-blocking, any thread.
     */
    CompletableFuture<Response> send(ClientRequest request) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        if (pending.size() >= config.maxInFlightPerConnection()) {
            answer.completeExceptionally(new InFlightLimitException(address + " has "
                    + config.maxInFlightPerConnection() + " requests unanswered (maxInFlightPerConnection)"));
            return answer;
        }
        if (pending.putIfAbsent(request.requestId(), answer) != null) {
            throw new IllegalStateException("request id " + request.requestId() + " is already in flight");
        }
        ChannelPromise written = channel.newPromise();
        written.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                pending.remove(request.requestId());
                answer.completeExceptionally(new ConnectionLostException("cannot write to " + address + ": "
                        + f.cause().getMessage(), false, f.cause()));
            }
        });
        writer.write(new Frame(FrameType.CLIENT_REQUEST, RequestCodec.encode(request)), written);
        return answer;
    }

    /** Drops the wait for one request's answer (its try timed out); a late answer is then ignored. */
    void forget(long requestId) {
        pending.remove(requestId);
    }

    /** Requests sent and not answered. */
    int inFlight() {
        return pending.size();
    }

    /** Closes the channel; pending requests fail with ConnectionLostException. Non-blocking, idempotent. */
    void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    /** The channel, for the close path of the client. */
    Channel channel() {
        return channel;
    }

    // ---- called by ClientConnectionHandler on the event loop ----

    void handshakeAccepted() {
        ready.complete(this);
    }

    void failReady(Throwable cause) {
        ready.completeExceptionally(cause);
    }

    void answer(ClientResponse response) {
        CompletableFuture<Response> waiting = pending.remove(response.requestId());
        if (waiting != null) {
            waiting.complete(response.response());
        }
    }

    void closed(Throwable cause) {
        String why = cause == null ? "closed by the node" : cause.getMessage();
        if (cause == null && config.tls() == null && !ready.isDone()) {
            why += " (if the node has TLS on it closes plaintext connections: configure ClientConfig.tls)";
        }
        failReady(new ConnectionLostException("connection to " + address + " lost before its handshake: " + why,
                false, cause));
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (Long id : ids) {
            CompletableFuture<Response> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.completeExceptionally(new ConnectionLostException("connection to " + address
                        + " lost with the request sent: " + why, true, cause));
            }
        }
    }

    @Override
    public String toString() {
        return "NodeConnection[" + address + ", " + pending.size() + " in flight]";
    }
}
