package io.raftkv.node.transport;

import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.protocol.Role;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a node's transport listens, whom it accepts and how it reaches its peers. Immutable,
 * validated once; build with {@link #of} and change fields with the {@code with...} methods.
 *
 * @param clusterId           the cluster this node belongs to; handshakes naming another are refused
 * @param nodeId              this node's id, sent in handshakes and replies
 * @param bindAddress         where to listen, for peers and clients alike; port 0 picks a free port
 * @param peers               the other members at start (id to address); this node's own id is ignored.
 *                            Membership changes later go through {@link NodeTransport#addPeer} and
 *                            {@link NodeTransport#removePeer}
 * @param limits              frame sizes, in-flight requests and connection counts
 * @param idleTimeout         a connection that delivers no byte for this long is closed; outbound
 *                            peer connections send a PING after a third of it without reading, so a
 *                            live peer is never cut. Choose about two election timeouts
 * @param reconnectMinBackoff first wait before reconnecting to a peer; doubles per failure
 * @param reconnectMaxBackoff longest wait between reconnection attempts
 * @param peerQueueCapacity   messages queued per peer while it is slow or unreachable; the oldest is
 *                            dropped when full (Raft retransmits, §5.3)
 * @param workerThreads       event loop threads for all connections, 1..64 (one boss thread accepts);
 *                            a node needs exactly 1 ({@link NodeTransport#eventLoop()})
 * @param checksum            whether frames this node sends carry a CRC32C of the body
 * @param tls                 TLS on the port and to peers (mutual TLS between peers); null for plain TCP
 */
public record TransportConfig(
        String clusterId,
        String nodeId,
        InetSocketAddress bindAddress,
        Map<String, InetSocketAddress> peers,
        ProtocolLimits limits,
        Duration idleTimeout,
        Duration reconnectMinBackoff,
        Duration reconnectMaxBackoff,
        int peerQueueCapacity,
        int workerThreads,
        boolean checksum,
        TlsConfig tls) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_RECONNECT_MIN_BACKOFF = Duration.ofMillis(50);
    public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(2);
    public static final int DEFAULT_PEER_QUEUE_CAPACITY = 4096;
    /**
     * One: a node's Raft loop runs on its only I/O thread ({@link NodeTransport#eventLoop()}), so a
     * message is stepped on the thread that read it and sent from it without a hand-off.
     */
    public static final int DEFAULT_WORKER_THREADS = 1;

    /** @throws IllegalArgumentException naming the field if a value is missing or out of range */
    public TransportConfig {
        checkIds(clusterId, nodeId);
        Objects.requireNonNull(bindAddress, "bindAddress");
        peers = Map.copyOf(Objects.requireNonNull(peers, "peers"));
        peers.keySet().forEach(id -> checkIds(clusterId, id));
        Objects.requireNonNull(limits, "limits");
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("reconnectMinBackoff", reconnectMinBackoff);
        requirePositive("reconnectMaxBackoff", reconnectMaxBackoff);
        if (reconnectMaxBackoff.compareTo(reconnectMinBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff (" + reconnectMaxBackoff
                    + ") must not be below reconnectMinBackoff (" + reconnectMinBackoff + ")");
        }
        if (idleTimeout.toMillis() < 30) {
            throw new IllegalArgumentException("idleTimeout must be at least 30 ms, was " + idleTimeout);
        }
        if (peerQueueCapacity < 1) {
            throw new IllegalArgumentException("peerQueueCapacity must be positive, was " + peerQueueCapacity);
        }
        if (workerThreads < 1 || workerThreads > 64) {
            throw new IllegalArgumentException("workerThreads must be in 1..64, was " + workerThreads);
        }
    }

    /** Ids must fit a handshake: building one applies exactly its rules and names the field. */
    static void checkIds(String clusterId, String nodeId) {
        Handshake.current(clusterId, nodeId, Role.PEER);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Plain TCP (no TLS), as before TLS existed. */
    public TransportConfig(String clusterId, String nodeId, InetSocketAddress bindAddress,
            Map<String, InetSocketAddress> peers, ProtocolLimits limits, Duration idleTimeout,
            Duration reconnectMinBackoff, Duration reconnectMaxBackoff, int peerQueueCapacity, int workerThreads,
            boolean checksum) {
        this(clusterId, nodeId, bindAddress, peers, limits, idleTimeout, reconnectMinBackoff, reconnectMaxBackoff,
                peerQueueCapacity, workerThreads, checksum, null);
    }

    /** A copy with TLS on ({@code value} non-null) or off (null). */
    public TransportConfig withTls(TlsConfig value) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, limits, idleTimeout,
                reconnectMinBackoff, reconnectMaxBackoff, peerQueueCapacity, workerThreads, checksum, value);
    }

    /** A config with every other field at its default. */
    public static TransportConfig of(String clusterId, String nodeId, InetSocketAddress bindAddress,
            Map<String, InetSocketAddress> peers) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, ProtocolLimits.DEFAULTS,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_RECONNECT_MIN_BACKOFF, DEFAULT_RECONNECT_MAX_BACKOFF,
                DEFAULT_PEER_QUEUE_CAPACITY, DEFAULT_WORKER_THREADS, true, null);
    }

    /** A copy with other limits. */
    public TransportConfig withLimits(ProtocolLimits value) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, value, idleTimeout,
                reconnectMinBackoff, reconnectMaxBackoff, peerQueueCapacity, workerThreads, checksum, tls);
    }

    /** A copy with another idle timeout. */
    public TransportConfig withIdleTimeout(Duration value) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, limits, value,
                reconnectMinBackoff, reconnectMaxBackoff, peerQueueCapacity, workerThreads, checksum, tls);
    }

    /** A copy with other reconnection backoff bounds. */
    public TransportConfig withReconnectBackoff(Duration min, Duration max) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, limits, idleTimeout, min, max,
                peerQueueCapacity, workerThreads, checksum, tls);
    }

    /** A copy with another per-peer queue capacity. */
    public TransportConfig withPeerQueueCapacity(int value) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, limits, idleTimeout,
                reconnectMinBackoff, reconnectMaxBackoff, value, workerThreads, checksum, tls);
    }

    /** A copy with another number of worker threads. */
    public TransportConfig withWorkerThreads(int value) {
        return new TransportConfig(clusterId, nodeId, bindAddress, peers, limits, idleTimeout,
                reconnectMinBackoff, reconnectMaxBackoff, peerQueueCapacity, value, checksum, tls);
    }
}
