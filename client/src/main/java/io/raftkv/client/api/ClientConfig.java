package io.raftkv.client.api;

import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ReadConsistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link RaftKvClient} finds and talks to a cluster. Immutable and validated once; build
 * with {@link #builder(String, List)}, every other field starts at its named default.
 *
 * @param clusterId                the cluster to join; a node of another cluster refuses the handshake
 * @param seeds                    some members' addresses, at least one; the rest are learned from status answers
 * @param clientName               the id sent in the handshake, for the nodes' logs
 * @param requestTimeout           how long one call may take in total, retries included
 * @param attemptTimeout           how long one try may wait for its answer before the client tries
 *                                 again (perhaps on another node); at most {@code requestTimeout}
 * @param connectTimeout           how long a TCP connect and handshake may take
 * @param minBackoff               first wait between tries; doubles per try, with jitter
 * @param maxBackoff               longest wait between tries
 * @param maxInFlightPerConnection requests sent and not yet answered on one connection; a call past it
 *                                 waits (backing off) for a free slot. Keep it at most the nodes'
 *                                 maxRequestsInFlightPerConnection
 * @param maxWritesInFlight        write calls of this client sent and not finished, 1..{@value #MAX_WRITES_IN_FLIGHT};
 *                                 more wait for a place. The nodes remember a session's last
 *                                 {@value #SESSION_WINDOW} results, so the client writes under one session per
 *                                 {@value #SESSION_WINDOW} writes in flight (each with its own client id)
 * @param readConsistency          the consistency of reads that do not name one
 * @param pingInterval             a connection with nothing written for this long sends a PING, so the
 *                                 node's idle timeout (3 s by default) does not close it; below that timeout
 * @param maxFrameBytes            largest frame sent or accepted, header included; as the nodes' limit
 * @param checksum                 whether frames carry a CRC32C of the body
 * @param ioThreads                Netty event loop threads doing all I/O, timers and callbacks, 1..16
 * @param tls                      TLS towards the nodes, or null for plaintext; must match the nodes'
 *                                 {@code --tls-*} setting (a TLS node refuses plaintext and vice versa)
 * @param credentials              user and password sent after every handshake, or null for none (accepted
 *                                 only by nodes started with {@code --auth off}); use TLS to keep the
 *                                 password off the wire in clear
 */
public record ClientConfig(
        String clusterId,
        List<NodeAddress> seeds,
        String clientName,
        Duration requestTimeout,
        Duration attemptTimeout,
        Duration connectTimeout,
        Duration minBackoff,
        Duration maxBackoff,
        int maxInFlightPerConnection,
        int maxWritesInFlight,
        ReadConsistency readConsistency,
        Duration pingInterval,
        int maxFrameBytes,
        boolean checksum,
        int ioThreads,
        ClientTls tls,
        Credentials credentials) {

    /** The nodes' default {@code --cluster-id}. */
    public static final String DEFAULT_CLUSTER_ID = "raftkv";
    public static final String DEFAULT_CLIENT_NAME = "raftkv-java-client";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(20);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION =
            ProtocolLimits.DEFAULT_MAX_REQUESTS_IN_FLIGHT_PER_CONNECTION;
    /** The nodes keep the results of a session's last 64 sequences (storage's session table). */
    public static final int SESSION_WINDOW = 64;
    /** 64 sessions of {@value #SESSION_WINDOW}: every write in flight has its own sequence. */
    public static final int MAX_WRITES_IN_FLIGHT = 64 * SESSION_WINDOW;
    /** As the nodes' default maxRequestsInFlightPerConnection, the leader's connection limit. */
    public static final int DEFAULT_MAX_WRITES_IN_FLIGHT = 1024;
    public static final ReadConsistency DEFAULT_READ_CONSISTENCY = ReadConsistency.LINEARIZABLE;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_FRAME_BYTES = ProtocolLimits.DEFAULT_MAX_FRAME_BYTES;
    public static final int DEFAULT_IO_THREADS = 1;

    /** @throws IllegalArgumentException naming the field if a value is missing or out of range */
    public ClientConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(clientName, "clientName");
        Handshake.current(clusterId, clientName, io.raftkv.client.protocol.Role.CLIENT);
        seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds"));
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must name at least one node address");
        }
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("attemptTimeout", attemptTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("minBackoff", minBackoff);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("pingInterval", pingInterval);
        if (requestTimeout.toMillis() > ClientRequest.MAX_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("requestTimeout must be at most " + ClientRequest.MAX_TIMEOUT_MILLIS
                    + " ms, was " + requestTimeout);
        }
        if (attemptTimeout.compareTo(requestTimeout) > 0) {
            throw new IllegalArgumentException("attemptTimeout (" + attemptTimeout + ") must not exceed requestTimeout ("
                    + requestTimeout + ")");
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below minBackoff ("
                    + minBackoff + ")");
        }
        if (maxInFlightPerConnection < 1) {
            throw new IllegalArgumentException("maxInFlightPerConnection must be positive, was "
                    + maxInFlightPerConnection);
        }
        if (maxWritesInFlight < 1 || maxWritesInFlight > MAX_WRITES_IN_FLIGHT) {
            throw new IllegalArgumentException("maxWritesInFlight must be in 1.." + MAX_WRITES_IN_FLIGHT
                    + ", was " + maxWritesInFlight);
        }
        Objects.requireNonNull(readConsistency, "readConsistency");
        if (maxFrameBytes < ProtocolLimits.DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least "
                    + ProtocolLimits.DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES + ", was " + maxFrameBytes);
        }
        if (ioThreads < 1 || ioThreads > 16) {
            throw new IllegalArgumentException("ioThreads must be in 1..16, was " + ioThreads);
        }
    }

    /** A config without credentials: every field as the canonical constructor, {@code credentials} null. */
    public ClientConfig(String clusterId, List<NodeAddress> seeds, String clientName, Duration requestTimeout,
                        Duration attemptTimeout, Duration connectTimeout, Duration minBackoff, Duration maxBackoff,
                        int maxInFlightPerConnection, int maxWritesInFlight, ReadConsistency readConsistency,
                        Duration pingInterval, int maxFrameBytes, boolean checksum, int ioThreads, ClientTls tls) {
        this(clusterId, seeds, clientName, requestTimeout, attemptTimeout, connectTimeout, minBackoff, maxBackoff,
                maxInFlightPerConnection, maxWritesInFlight, readConsistency, pingInterval, maxFrameBytes, checksum,
                ioThreads, tls, null);
    }

    /** A plaintext config: every field as the canonical constructor, {@code tls} null. */
    public ClientConfig(String clusterId, List<NodeAddress> seeds, String clientName, Duration requestTimeout,
                        Duration attemptTimeout, Duration connectTimeout, Duration minBackoff, Duration maxBackoff,
                        int maxInFlightPerConnection, int maxWritesInFlight, ReadConsistency readConsistency,
                        Duration pingInterval, int maxFrameBytes, boolean checksum, int ioThreads) {
        this(clusterId, seeds, clientName, requestTimeout, attemptTimeout, connectTimeout, minBackoff, maxBackoff,
                maxInFlightPerConnection, maxWritesInFlight, readConsistency, pingInterval, maxFrameBytes, checksum,
                ioThreads, null);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** A builder for the default cluster id {@value #DEFAULT_CLUSTER_ID}, every other field but the seeds at its default. */
    public static Builder builder(List<NodeAddress> seeds) {
        return new Builder(DEFAULT_CLUSTER_ID, seeds);
    }

    /** A builder with every field but the cluster id and seeds at its default. */
    public static Builder builder(String clusterId, List<NodeAddress> seeds) {
        return new Builder(clusterId, seeds);
    }

    /** Collects fields for a {@link ClientConfig}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final String clusterId;
        private final List<NodeAddress> seeds;
        private String clientName = DEFAULT_CLIENT_NAME;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
        private int maxWritesInFlight = DEFAULT_MAX_WRITES_IN_FLIGHT;
        private ReadConsistency readConsistency = DEFAULT_READ_CONSISTENCY;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private boolean checksum = true;
        private int ioThreads = DEFAULT_IO_THREADS;
        private ClientTls tls;
        private Credentials credentials;

        private Builder(String clusterId, List<NodeAddress> seeds) {
            this.clusterId = clusterId;
            this.seeds = new ArrayList<>(seeds);
        }

        /** See {@link ClientConfig#clientName()}. */
        public Builder clientName(String value) {
            clientName = value;
            return this;
        }

        /** See {@link ClientConfig#requestTimeout()}; lowers attemptTimeout to it if needed. */
        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            if (value != null && attemptTimeout.compareTo(value) > 0) {
                attemptTimeout = value;
            }
            return this;
        }

        /** See {@link ClientConfig#attemptTimeout()}. */
        public Builder attemptTimeout(Duration value) {
            attemptTimeout = value;
            return this;
        }

        /** See {@link ClientConfig#connectTimeout()}. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** See {@link ClientConfig#minBackoff()} and {@link ClientConfig#maxBackoff()}. */
        public Builder backoff(Duration min, Duration max) {
            minBackoff = min;
            maxBackoff = max;
            return this;
        }

        /** See {@link ClientConfig#maxInFlightPerConnection()}. */
        public Builder maxInFlightPerConnection(int value) {
            maxInFlightPerConnection = value;
            return this;
        }

        /** See {@link ClientConfig#maxWritesInFlight()}. */
        public Builder maxWritesInFlight(int value) {
            maxWritesInFlight = value;
            return this;
        }

        /** See {@link ClientConfig#readConsistency()}. */
        public Builder readConsistency(ReadConsistency value) {
            readConsistency = value;
            return this;
        }

        /** See {@link ClientConfig#pingInterval()}. */
        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        /** See {@link ClientConfig#maxFrameBytes()}. */
        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        /** See {@link ClientConfig#checksum()}. */
        public Builder checksum(boolean value) {
            checksum = value;
            return this;
        }

        /** See {@link ClientConfig#ioThreads()}. */
        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        /** See {@link ClientConfig#tls()}; null (the default) for plaintext. */
        public Builder tls(ClientTls value) {
            tls = value;
            return this;
        }

        /**
         * See {@link ClientConfig#credentials()}: log in as {@code user} on every connection.
         *
         * @param user     1..255 UTF-8 bytes
         * @param password 0..1024 UTF-8 bytes; kept in memory for reconnections
         * @throws IllegalArgumentException naming the field if a value is out of range
         */
        public Builder credentials(String user, String password) {
            credentials = Credentials.of(user, password);
            return this;
        }

        /** See {@link ClientConfig#credentials()}; null (the default) for none. */
        public Builder credentials(Credentials value) {
            credentials = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field if a value is missing or out of range */
        public ClientConfig build() {
            return new ClientConfig(clusterId, seeds, clientName, requestTimeout, attemptTimeout, connectTimeout,
                    minBackoff, maxBackoff, maxInFlightPerConnection, maxWritesInFlight, readConsistency, pingInterval, maxFrameBytes,
                    checksum, ioThreads, tls, credentials);
        }
    }
}
