package io.raftkv.node.server;

import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.auth.BootstrapUser;
import io.raftkv.node.auth.PasswordHash;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.node.transport.TlsConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftkv node}: runs one node until SIGTERM (or SIGINT), then stops cleanly.
 *
 * <pre>
 * raftkv node --id n1 --data-dir DIR --cluster n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003
 * raftkv node --id n4 --data-dir DIR --join --cluster n1=...,n2=...,n3=...,n4=127.0.0.1:7004
 * raftkv node ... --bootstrap-user admin --bootstrap-password-file admin.pw   (authentication on: the default)
 * raftkv node ... --auth off
 * </pre>
 *
 * Exit codes: 0 after a clean stop, 1 if the node stopped on an error, 2 for a bad command line.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Runs one raftkv node until SIGTERM. An existing --data-dir restarts from it and ignores --cluster.")
public final class NodeMain implements Callable<Integer> {

    static {
        Logging.configure();
    }

    @Option(names = "--id", required = true, description = "this node's id, e.g. n1")
    String id;

    @Option(names = "--data-dir", required = true, description = "where the node keeps its state")
    Path dataDir;

    @Option(names = "--cluster", description = "every member as id=host:port, comma separated, this node included")
    String cluster = "";

    @Option(names = "--cluster-id", description = "the cluster's id; peers and clients of another are refused (default: ${DEFAULT-VALUE})")
    String clusterId = "raftkv";

    @Option(names = "--join", description = "start empty, to be added with 'raftkv admin add-member'")
    boolean join;

    @Option(names = "--tick-ms", description = "Raft tick length in ms (default: ${DEFAULT-VALUE})")
    int tickMillis = ServerConfig.DEFAULT_TICK_MILLIS;

    @Option(names = "--election-ticks", description = "election timeout in ticks (default: ${DEFAULT-VALUE})")
    int electionTicks = 10;

    @Option(names = "--heartbeat-ticks", description = "heartbeat interval in ticks (default: ${DEFAULT-VALUE})")
    int heartbeatTicks = 1;

    @Option(names = "--snapshot-entries", description = "take a snapshot every this many applied entries (default: ${DEFAULT-VALUE})")
    long snapshotEntries = 100_000;

    @Option(names = "--snapshot-trailing", description = "log entries kept behind a snapshot (default: ${DEFAULT-VALUE})")
    long snapshotTrailing = 5_000;

    @Option(names = "--snapshot-mb", description = "take a snapshot also once the entries applied since the last one"
            + " hold this many MiB, so the log kept in memory stays bounded (default: ${DEFAULT-VALUE})")
    long snapshotMb = 64;

    @Option(names = "--snapshot-trailing-mb", description = "at most this many MiB of entries kept behind a snapshot"
            + " (default: ${DEFAULT-VALUE})")
    long snapshotTrailingMb = 16;

    @Option(names = "--snapshot-chunk-kb", description = "InstallSnapshot chunk size in KiB (default: ${DEFAULT-VALUE})")
    int chunkKb = 1024;

    @Option(names = "--cache-mb", description = "JE cache in MiB (default: ${DEFAULT-VALUE})")
    long cacheMb = 64;

    @Option(names = "--free-disk-mb", description = "JE refuses writes when less disk than this is free (default: ${DEFAULT-VALUE})")
    long freeDiskMb = 512;

    @Option(names = "--metrics-port", description = "serve GET /metrics (Prometheus text) and /health over plain"
            + " HTTP on this port of the node's host; 0 picks a free port; absent: off")
    Integer metricsPort;

    @Option(names = "--max-connections", description = "open connections, peers and clients together, this node"
            + " accepts; the next client is refused at the handshake (REFUSED_CONNECTION_LIMIT; JDBC SQLState 53300)"
            + " and retries another node (default: ${DEFAULT-VALUE})")
    int maxConnections = ProtocolLimits.DEFAULTS.maxConnectionsPerNode();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tls-cert", description = "this node's certificate (PEM); with --tls-key and --tls-ca turns on"
            + " TLS on the node port, mutual TLS between peers")
    Path tlsCert;

    @Option(names = "--tls-key", description = "this node's private key, unencrypted PKCS#8 PEM")
    Path tlsKey;

    @Option(names = "--tls-ca", description = "the cluster CA certificate (PEM) that issued every node's certificate")
    Path tlsCa;

    @Option(names = "--auth", description = "client authentication, on or off (default: ${DEFAULT-VALUE}); off lets"
            + " any client that can connect read and write everything")
    String auth = "on";

    @Option(names = "--bootstrap-user", description = "with --auth on: the first user, created by the leader when no"
            + " user exists yet (give the same to every node of a new cluster)")
    String bootstrapUser;

    @Option(names = "--bootstrap-password-file", description = "file holding the bootstrap user's password (first"
            + " line, UTF-8); never pass a password on the command line")
    Path bootstrapPasswordFile;

    @Option(names = "--auth-iterations", hidden = true, description = "PBKDF2 iterations for new password hashes"
            + " (default: ${DEFAULT-VALUE}); lower only for tests")
    int authIterations = PasswordHash.DEFAULT_ITERATIONS;

    @Option(names = "--unsafe-ack-before-sync", hidden = true, description = "TEST ONLY, loses acknowledged writes:"
            + " send acknowledgements before entries are persisted and skip their fsync (fault-injection negative control)")
    boolean unsafeAckBeforeSync;

    @Override
    public Integer call() throws Exception {
        if (maxConnections < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-connections must be at least 1, was " + maxConnections);
        }
        Map<String, InetSocketAddress> members = cluster.isBlank() ? Map.of() : NodeIdentity.parseMembers(cluster);
        RaftConfig raft = RaftConfig.defaults(id).withTicks(electionTicks, heartbeatTicks)
                .withSnapshots(snapshotEntries, snapshotTrailing)
                .withSnapshotBytes(snapshotMb << 20, snapshotTrailingMb << 20);
        StorageConfig storage = StorageConfig.defaults().withCacheBytes(cacheMb * StorageConfig.MIB)
                .withFreeDiskBytes(freeDiskMb * StorageConfig.MIB);
        ServerConfig config = ServerConfig.of(id, clusterId, dataDir, members, join).withRaft(raft)
                .withStorage(storage).withTickMillis(tickMillis).withSnapshotChunkBytes(chunkKb * 1024)
                .withMetricsPort(metricsPort == null ? ServerConfig.METRICS_OFF : metricsPort)
                .withUnsafeAckBeforeSync(unsafeAckBeforeSync)
                .withProtocolLimits(ProtocolLimits.DEFAULTS.withMaxConnectionsPerNode(maxConnections));
        if (tlsCert != null || tlsKey != null || tlsCa != null) {
            if (tlsCert == null || tlsKey == null || tlsCa == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "TLS needs all three of --tls-cert, --tls-key and --tls-ca");
            }
            config = config.withTls(new TlsConfig(tlsCert, tlsKey, tlsCa));
        }
        config = config.withAuth(authConfig(dataDir.resolve(NodeIdentity.FILE).toFile().exists() || join));
        RaftServer server = RaftServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, id + "-shutdown"));
        System.out.println("node " + id + " listening on " + server.address() + " (cluster " + server.clusterId() + ")"
                + (config.tls() != null ? " with TLS" : "") + (config.auth().enabled() ? ", authentication on"
                : ", authentication OFF"));
        if (server.metricsAddress() != null) {
            System.out.println("node " + id + " metrics on http://" + server.metricsAddress().getHostString() + ":"
                    + server.metricsAddress().getPort() + "/metrics");
        }
        System.out.flush();
        Throwable failure = server.awaitTermination();
        return failure == null ? 0 : 1;
    }

    /**
     * The --auth options as a config. A new cluster (fresh data dir, not --join) with authentication
     * on needs a bootstrap user, or no client could ever log in.
     *
     * @param usersMayExist true when the node restarts or joins, so users may come from the log
     */
    private AuthConfig authConfig(boolean usersMayExist) throws java.io.IOException {
        if (!auth.equals("on") && !auth.equals("off")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--auth must be on or off, was " + auth);
        }
        if ((bootstrapUser == null) != (bootstrapPasswordFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--bootstrap-user and --bootstrap-password-file go together");
        }
        if (auth.equals("off")) {
            return AuthConfig.off();
        }
        AuthConfig config = AuthConfig.required().withIterations(authIterations);
        if (bootstrapUser != null) {
            byte[] password = PasswordFile.read(bootstrapPasswordFile, "--bootstrap-password-file");
            try {
                return config.withBootstrap(new BootstrapUser(bootstrapUser, password));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (!usersMayExist) {
            throw new CommandLine.ParameterException(spec.commandLine(), "authentication is on (the default) and this"
                    + " new cluster has no user, so no client could log in: give --bootstrap-user NAME"
                    + " --bootstrap-password-file FILE, or --auth off to run without authentication");
        }
        return config;
    }

    /** Entry point; exits with the command's code. */
    public static void main(String[] args) {
        int code = new CommandLine(new NodeMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("raftkv node: " + e.getMessage());
            return 1;
        }).execute(args);
        System.exit(code);
    }
}
