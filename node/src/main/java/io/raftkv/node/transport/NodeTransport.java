package io.raftkv.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.NettyTransport;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's network endpoint: one TCP port serving peers and clients (the handshake says
 * which), and one outbound connection per peer. Payload-agnostic: it moves (frame type, body)
 * pairs; Raft and client codecs live above it.
 *
 * <p>Lifecycle: construct, {@link #start()}, use, {@link #close()}. Threads: one boss thread
 * accepts, {@link TransportConfig#workerThreads()} event loop threads do all I/O and call the
 * sinks. Every public method is thread-safe.
 */
public final class NodeTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeTransport.class);

    private final TransportConfig config;
    private final PeerMessageSink peerSink;
    private final ClientRequestSink clientSink;
    private final TransportMetrics metrics = new TransportMetrics();
    /** Current members other than this node; read by handshakes, written by add/removePeer. */
    private final Map<String, PeerSender> peers = new ConcurrentHashMap<>();
    /** Accepted inbound peer connections and the member id each proved; entries leave on close. */
    private final Map<Channel, String> inboundPeers = new ConcurrentHashMap<>();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    /** TLS contexts for accepted and outbound connections; both null when the config has no TLS. */
    private final SslContext serverTls;
    private final SslContext peerTls;
    /** Template for outbound peer channels; each sender clones it onto its own event loop. */
    private final Bootstrap peerBootstrap;
    /** The listening channel once started; null before. */
    private volatile Channel server;
    private final ClientAuthenticator authenticator;
    /** Set by {@link #close()}; no new peers or sends afterwards. */
    private volatile boolean closed;

    /**
     * Creates the event loops; nothing listens or connects until {@link #start()}.
     *
     * @param peerSink   receives frames from accepted peers
     * @param clientSink receives requests from accepted clients
     * @throws IllegalArgumentException if the config's TLS files do not parse (the message names them)
     */
    public NodeTransport(TransportConfig config, PeerMessageSink peerSink, ClientRequestSink clientSink) {
        this(config, peerSink, clientSink, ClientAuthenticator.OFF);
    }

    /**
     * Creates the event loops; nothing listens or connects until {@link #start()}.
     *
     * @param peerSink      receives frames from accepted peers
     * @param clientSink    receives requests from accepted and authenticated clients
     * @param authenticator decides each client's AUTH step ({@link ClientAuthenticator#OFF} accepts all)
     * @throws IllegalArgumentException if the config's TLS files do not parse (the message names them)
     */
    public NodeTransport(TransportConfig config, PeerMessageSink peerSink, ClientRequestSink clientSink,
            ClientAuthenticator authenticator) {
        this.config = Objects.requireNonNull(config, "config");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.peerSink = Objects.requireNonNull(peerSink, "peerSink");
        this.clientSink = Objects.requireNonNull(clientSink, "clientSink");
        if (config.tls() != null) {
            try {
                this.serverTls = config.tls().serverContext();
                this.peerTls = config.tls().peerClientContext();
            } catch (TransportException e) {
                throw new IllegalArgumentException("node " + config.nodeId() + ": " + e.getMessage(), e);
            }
        } else {
            this.serverTls = null;
            this.peerTls = null;
        }
        String prefix = "raftkv-" + config.nodeId();
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(prefix + "-accept"),
                NettyTransport.ioHandlerFactory());
        this.workers = new MultiThreadIoEventLoopGroup(config.workerThreads(),
                new DefaultThreadFactory(prefix + "-io"), NettyTransport.ioHandlerFactory());
        this.peerBootstrap = new Bootstrap()
                .group(workers)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()))
                .handler(new PeerChannelInitializer(config, peerSink, metrics, peerTls));
    }

    /**
     * Binds the port and starts connecting to the configured peers. Blocks until bound.
     *
     * @return the bound address (the real port when the config asked for port 0)
     * @throws TransportException naming the address if it cannot be bound, or if already started
     *                            or closed
     */
    public InetSocketAddress start() throws TransportException {
        if (server != null || closed) {
            throw new TransportException("node " + config.nodeId() + ": transport already "
                    + (closed ? "closed" : "started"), null);
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NettyTransport.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ServerChannelInitializer(config, peers::containsKey, peerSink, clientSink, metrics,
                        this::trackInboundPeer, serverTls, authenticator));
        try {
            server = b.bind(config.bindAddress()).sync().channel();
        } catch (Exception e) {
            close();
            throw new TransportException("node " + config.nodeId() + " cannot listen on " + config.bindAddress()
                    + ": " + e.getMessage() + "; is another process using the port?", e);
        }
        config.peers().forEach(this::addPeer);
        LOG.info("node {} of cluster {} listening on {} ({})", config.nodeId(), config.clusterId(), server.localAddress(),
                NettyTransport.name());
        return localAddress();
    }

    /** The bound address; only after {@link #start()}. */
    public InetSocketAddress localAddress() {
        Channel s = server;
        if (s == null) {
            throw new IllegalStateException("node " + config.nodeId() + ": transport not started");
        }
        return (InetSocketAddress) s.localAddress();
    }

    /**
     * Makes {@code peerId} a member: its handshakes are accepted and an outbound connection to
     * {@code address} is opened. The same id and address again is a no-op; a new address
     * replaces the old connection (frames queued for it are dropped). This node's own id, and
     * any call after {@link #close()}, are ignored. Non-blocking.
     *
     * @throws IllegalArgumentException if the id is empty or longer than 255 UTF-8 bytes
     */
    public void addPeer(String peerId, InetSocketAddress address) {
        TransportConfig.checkIds(config.clusterId(), peerId);
        Objects.requireNonNull(address, "address");
        if (peerId.equals(config.nodeId()) || closed) {
            return;
        }
        PeerSender current = peers.get(peerId);
        if (current != null && current.address().equals(address)) {
            return;
        }
        PeerSender fresh = new PeerSender(config.nodeId(), peerId, address, config, metrics, peerBootstrap,
                workers.next());
        PeerSender old = peers.put(peerId, fresh);
        if (old != null) {
            old.close();
        }
        fresh.start();
    }

    /**
     * Stops talking to {@code peerId}: closes the outbound connection and any inbound one it
     * opened, and refuses its future handshakes (§6: a removed member must not disrupt the
     * cluster). Non-blocking.
     */
    public void removePeer(String peerId) {
        PeerSender old = peers.remove(peerId);
        if (old != null) {
            old.close();
        }
        inboundPeers.forEach((channel, id) -> {
            if (id.equals(peerId)) {
                channel.close();
            }
        });
    }

    /**
     * True while the outbound connection to {@code peerId} has an accepted handshake, so frames
     * sent now are written rather than queued. A snapshot for status displays and tests.
     */
    public boolean isConnected(String peerId) {
        PeerSender sender = peers.get(peerId);
        return sender != null && sender.isReady();
    }

    private void trackInboundPeer(String peerId, Channel channel) {
        inboundPeers.put(channel, peerId);
        channel.closeFuture().addListener(f -> inboundPeers.remove(channel));
        if (!peers.containsKey(peerId)) {
            // Removed between the handshake check and now: honour the removal.
            channel.close();
        }
    }

    /**
     * Queues one frame for a peer and returns at once; the frame is written with others queued
     * alongside and flushed once per batch. If the peer is unreachable the frame waits (bounded
     * by {@link TransportConfig#peerQueueCapacity()}, oldest dropped first); Raft tolerates the
     * loss and retries (§5.3). Frames to one peer leave in the order they were queued.
     *
     * @param peerId a current member other than this node
     * @param type   normally {@link FrameType#RAFT_MESSAGE}
     * @param body   not copied; must not be written after this call
     * @throws IllegalArgumentException if {@code peerId} is not a member, or the frame would
     *                                  exceed {@code maxFrameBytes} (the core must split batches)
     * @throws IllegalStateException    after {@link #close()}
     */
    public void send(String peerId, FrameType type, byte[] body) {
        if (closed) {
            throw new IllegalStateException("node " + config.nodeId() + ": transport is closed");
        }
        PeerSender sender = peers.get(peerId);
        if (sender == null) {
            throw new IllegalArgumentException("node " + config.nodeId() + " has no peer '" + peerId
                    + "'; members are " + peers.keySet());
        }
        if ((long) body.length + FrameHeader.BYTES > config.limits().maxFrameBytes()) {
            throw new IllegalArgumentException(type + " body of " + body.length + " bytes exceeds maxFrameBytes = "
                    + config.limits().maxFrameBytes() + " minus the " + FrameHeader.BYTES + "-byte header");
        }
        sender.send(new Frame(type, body));
    }

    /**
     * The one event loop that does all of this transport's I/O, for the caller to run its own
     * tasks on: a node runs its Raft loop here, so the messages it reads are stepped without a
     * hand-off, and frames it sends from this thread are written at once ({@link PeerSender}).
     *
     * @throws IllegalStateException unless the config has exactly one worker thread
     */
    public EventLoop eventLoop() {
        if (config.workerThreads() != 1) {
            throw new IllegalStateException("node " + config.nodeId() + ": the transport has "
                    + config.workerThreads() + " worker threads; a shared event loop needs exactly 1");
        }
        return workers.next();
    }

    /** Counters of refusals, drops, sends and flushes. */
    public TransportMetrics metrics() {
        return metrics;
    }

    /** The configuration this transport runs with. */
    public TransportConfig config() {
        return config;
    }

    /**
     * Closes the port and every connection, stops reconnecting and shuts the event loops down.
     * Blocks until the threads have ended (a few seconds at most). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        peers.values().forEach(PeerSender::close);
        peers.clear();
        Channel s = server;
        if (s != null) {
            s.close().awaitUninterruptibly();
        }
        Future<?> b = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        Future<?> w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        b.awaitUninterruptibly();
        w.awaitUninterruptibly();
        LOG.info("node {} transport closed", config.nodeId());
    }
}
