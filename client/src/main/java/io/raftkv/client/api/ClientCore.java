package io.raftkv.client.api;

import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.raftkv.client.protocol.NettyTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the calls of one client share: config, cluster beliefs, the event loops (all I/O, timers
 * and callbacks), one connection per node, request ids, and the calls in progress so that
 * {@link #close()} can fail them.
 *
 * <p>Thread-safe.
 */
final class ClientCore {

    /** Thread names start with this, so tests and dumps can find them. */
    static final String THREAD_PREFIX = "raftkv-client";

    private final ClientConfig config;
    private final ClusterView cluster;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    /** Built once from {@link ClientConfig#tls()}; null for plaintext. */
    private final SslContext sslContext;
    /** At most one live connection per node; a failed or closed one is replaced on next use. */
    private final Map<NodeAddress, NodeConnection> connections = new ConcurrentHashMap<>();
    /** Request ids are unique per client, hence per connection; start at 1. */
    private final AtomicLong requestIds = new AtomicLong();
    /** Calls started and not finished. */
    private final Set<RetryingCall<?>> active = ConcurrentHashMap.newKeySet();
    /** Every thread the event loops started, so that close can wait until each has ended. */
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Set once by {@link #close()}; no call starts afterwards. */
    private volatile boolean closed;

    ClientCore(ClientConfig config) {
        this.config = config;
        this.sslContext = config.tls() == null ? null : config.tls().newContext();
        this.cluster = new ClusterView(config.seeds());
        DefaultThreadFactory factory = new DefaultThreadFactory(THREAD_PREFIX, true);
        this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), (Runnable task) -> {
            Thread thread = factory.newThread(task);
            threads.add(thread);
            return thread;
        }, NettyTransport.ioHandlerFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
    }

    ClientConfig config() {
        return config;
    }

    ClusterView cluster() {
        return cluster;
    }

    boolean isClosed() {
        return closed;
    }

    long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    /** The connection to {@code node}, opened if there is none or the last one failed. Non-blocking. */
    CompletableFuture<NodeConnection> connection(NodeAddress node) {
        NodeConnection existing = connections.get(node);
        if (existing != null && existing.isUsable()) {
            return existing.ready();
        }
        // Opening is rare; the lock keeps two calls from opening two connections to one node. Not
        // inside ConcurrentHashMap.compute: Netty may run the close listener inline, which
        // would then update the map recursively.
        synchronized (connections) {
            existing = connections.get(node);
            if (existing != null && existing.isUsable()) {
                return existing.ready();
            }
            NodeConnection fresh = NodeConnection.open(bootstrap, node, config, sslContext);
            connections.put(node, fresh);
            fresh.channel().closeFuture().addListener(f -> connections.remove(node, fresh));
            return fresh.ready();
        }
    }

    /**
     * Runs {@code task} after {@code delayNanos} on an event loop.
     *
     * @return the scheduled task, or null if the client is closing and the task will never run
     */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return group.next().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Tracks a call so that close can fail it; false if the client is already closed. */
    boolean register(RetryingCall<?> call) {
        active.add(call);
        if (closed) {
            active.remove(call);
            return false;
        }
        return true;
    }

    void finished(RetryingCall<?> call) {
        active.remove(call);
    }

    /** Calls started and not finished. */
    int activeCalls() {
        return active.size();
    }

    /** Connections currently open or opening, for tests and status displays. */
    int openConnections() {
        return connections.size();
    }

    /**
     * Fails every call in progress with {@link ClientClosedException}, closes every connection
     * and stops the event loops. Blocks until the threads have ended (a few seconds at most),
     * except when called on one of those threads (from a callback), which only starts the shutdown.
     * Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RetryingCall<?> call : new ArrayList<>(active)) {
            call.abort(new ClientClosedException(call.description() + " was in progress when the client was closed"));
        }
        List<NodeConnection> open = new ArrayList<>(connections.values());
        open.forEach(NodeConnection::close);
        var terminated = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (threads.contains(Thread.currentThread())) {
            // Closed from a callback on one of our own threads: it cannot wait for itself to end.
            return;
        }
        terminated.awaitUninterruptibly();
        // Termination is signalled just before a loop thread returns; wait for the return itself.
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join(5_000);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
