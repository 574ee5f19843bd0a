package io.raftkv.node.server;

import io.raftkv.client.command.CommandLimits;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.node.transport.TlsConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Immutable settings of one node server, validated once.
 *
 * @param nodeId            this node's id, 1..255 UTF-8 bytes
 * @param clusterId         the cluster's id; handshakes naming another cluster are refused
 * @param dataDir           holds {@code je/} (the JE environment), {@code snapshots/} and
 *                          {@code node.properties}; created if missing
 * @param members           every member's address at start, this node's own included (its entry is
 *                          where it listens); ignored when {@code dataDir} already holds a node
 * @param join              true to start as a node about to be added with {@code admin add-member}
 *                          (empty membership) instead of bootstrapping {@code members} as voters
 * @param tickMillis        length of one Raft tick, at least 1
 * @param raft              Raft settings ({@link RaftConfig#id()} must equal {@code nodeId})
 * @param storage           JE settings
 * @param limits            key, value and command size limits checked before proposing
 * @param snapshotChunkBytes bytes per InstallSnapshot chunk, 4 KiB..8 MiB
 * @param metricsPort       port of the HTTP /metrics and /health server on this node's host;
 *                          0 picks a free port, {@link #METRICS_OFF} (-1) serves none
 * @param tls               TLS on the node port (mutual TLS between peers), or null for plain TCP
 * @param unsafeAckBeforeSync TEST ONLY, breaks safety on purpose: send a Ready's messages before
 *                          its entries and hard state are persisted, and persist them without
 *                          fsync; a node then acknowledges what a crash can take back (§5.3). The
 *                          chaos tool's negative control uses it; never set it anywhere else
 * @param auth              client authentication; on by default ({@link AuthConfig#required()}), off
 *                          only when configured off
 * @param protocolLimits    frame sizes, requests in flight per connection and connections per node on
 *                          the node port; {@link ProtocolLimits#DEFAULTS} unless changed (the node's
 *                          {@code --max-connections}; tests lower maxConnectionsPerNode to reach it)
 */
public record ServerConfig(String nodeId, String clusterId, Path dataDir, Map<String, InetSocketAddress> members,
        boolean join, int tickMillis, RaftConfig raft, StorageConfig storage, CommandLimits limits,
        int snapshotChunkBytes, int metricsPort, TlsConfig tls, boolean unsafeAckBeforeSync, AuthConfig auth,
        ProtocolLimits protocolLimits) {

    /** {@link #metricsPort} value for "no metrics server". */
    public static final int METRICS_OFF = -1;

    /**
     * Default tick: 100 ms, so the default 10-tick election timeout is 1-2 s: short enough for a
     * quick failover, long enough that a loaded host's fsync and GC pauses do not depose leaders.
     */
    public static final int DEFAULT_TICK_MILLIS = 100;
    public static final int DEFAULT_SNAPSHOT_CHUNK_BYTES = 1 << 20;

    public ServerConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(raft, "raft");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auth, "auth (AuthConfig.off() to accept every client)");
        Objects.requireNonNull(protocolLimits, "protocolLimits");
        members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
        if (nodeId.isEmpty() || clusterId.isEmpty()) {
            throw new IllegalArgumentException("nodeId and clusterId must not be empty");
        }
        if (!raft.id().equals(nodeId)) {
            throw new IllegalArgumentException("raft config is for " + raft.id() + ", not " + nodeId);
        }
        if (tickMillis < 1) {
            throw new IllegalArgumentException("tickMillis must be at least 1, was " + tickMillis);
        }
        if (snapshotChunkBytes < 4096 || snapshotChunkBytes > (8 << 20)) {
            throw new IllegalArgumentException("snapshotChunkBytes must be in 4 KiB..8 MiB, was " + snapshotChunkBytes);
        }
        if (metricsPort < METRICS_OFF || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort must be -1 (off) or 0..65535, was " + metricsPort);
        }
    }

    /** Defaults for a node: 100 ms ticks, 64 MiB JE cache, default Raft settings, authentication on. */
    public static ServerConfig of(String nodeId, String clusterId, Path dataDir,
            Map<String, InetSocketAddress> members, boolean join) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, DEFAULT_TICK_MILLIS,
                RaftConfig.defaults(nodeId), StorageConfig.defaults(), CommandLimits.DEFAULT,
                DEFAULT_SNAPSHOT_CHUNK_BYTES, METRICS_OFF, null, false, AuthConfig.required(), ProtocolLimits.DEFAULTS);
    }

    public ServerConfig withRaft(RaftConfig value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, value, storage, limits,
                snapshotChunkBytes, metricsPort, tls, unsafeAckBeforeSync, auth, protocolLimits);
    }

    public ServerConfig withStorage(StorageConfig value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, value, limits,
                snapshotChunkBytes, metricsPort, tls, unsafeAckBeforeSync, auth, protocolLimits);
    }

    public ServerConfig withTickMillis(int value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, value, raft, storage, limits,
                snapshotChunkBytes, metricsPort, tls, unsafeAckBeforeSync, auth, protocolLimits);
    }

    public ServerConfig withSnapshotChunkBytes(int value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, storage, limits,
                value, metricsPort, tls, unsafeAckBeforeSync, auth, protocolLimits);
    }

    /** A copy serving /metrics and /health on {@code value} (0: a free port; {@link #METRICS_OFF}: none). */
    public ServerConfig withMetricsPort(int value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, storage, limits,
                snapshotChunkBytes, value, tls, unsafeAckBeforeSync, auth, protocolLimits);
    }

    /** A copy with TLS on the node port ({@code value} non-null) or off (null). */
    public ServerConfig withTls(TlsConfig value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, storage, limits,
                snapshotChunkBytes, metricsPort, value, unsafeAckBeforeSync, auth, protocolLimits);
    }

    /** TEST ONLY: a copy that acknowledges entries before they are durable; see the record's Javadoc. */
    public ServerConfig withUnsafeAckBeforeSync(boolean value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, storage, limits,
                snapshotChunkBytes, metricsPort, tls, value, auth, protocolLimits);
    }

    /** A copy with another client authentication setting. */
    public ServerConfig withAuth(AuthConfig value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, storage, limits,
                snapshotChunkBytes, metricsPort, tls, unsafeAckBeforeSync, value, protocolLimits);
    }

    /** A copy with other limits on the node port's connections, e.g. a lower maxConnectionsPerNode. */
    public ServerConfig withProtocolLimits(ProtocolLimits value) {
        return new ServerConfig(nodeId, clusterId, dataDir, members, join, tickMillis, raft, storage, limits,
                snapshotChunkBytes, metricsPort, tls, unsafeAckBeforeSync, auth, value);
    }
}
