package io.raftkv.chaos.fuzz;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.Role;
import io.raftkv.client.rpc.RequestCodec;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.server.RaftServer;
import io.raftkv.node.server.ServerConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.node.transport.RaftMessageCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Mutated frames over real sockets at real in-process nodes, as a client and as a peer, before
 * and after the handshake (plus a third, clean node for {@link SqlTarget}). Two nodes are
 * fuzzed: {@code client node} (a one-node cluster that serves writes) and {@code peer node} (member n1 of a three-member cluster whose n2 and n3 never run,
 * so it accepts peer handshakes from n2 and decodes their Raft messages). Most bodies are
 * mutated valid messages in frames with a correct CRC32C, so the mutations reach the decoders
 * rather than stopping at the checksum. Every {@link #CHECK_EVERY} tries (and on demand) both
 * nodes must still serve: a put then a get with the right value on the client node, a status
 * answer from the peer node, and no unexpected log line ({@link LogTally}).
 */
public final class LiveTarget implements FuzzTarget {

    /** Tries between two serving checks. */
    public static final int CHECK_EVERY = 50;

    /** The JDBC driver connects to the default cluster id. */
    private static final String CLIENT_CLUSTER = ClientConfig.DEFAULT_CLUSTER_ID;

    private final Path dir;
    private final LogTally log;
    private final RaftServer clientNode;
    private final RaftServer peerNode;
    /**
     * For {@link SqlTarget} alone: the raw barrage writes keys and values that are not UTF-8,
     * which SQL cannot address exactly (docs/testing.md, fuzzing findings).
     */
    private final RaftServer sqlNode;
    private final RaftKvClient client;
    private final RaftKvClient peerNodeClient;
    private long checks;

    /**
     * Starts both nodes under a fresh temp directory and waits for the client node to serve.
     *
     * @param echoLogs whether the nodes' log lines also go to the console
     * @throws UncheckedIOException if the directory or a port cannot be had
     */
    public LiveTarget(boolean echoLogs) {
        try {
            dir = Files.createTempDirectory("raftkv-fuzz");
            log = new LogTally(echoLogs);
            int a = freePort();
            clientNode = RaftServer.start(config("n1", CLIENT_CLUSTER, Map.of("n1", local(a))));
            peerNode = RaftServer.start(config("n1", "fzp",
                    Map.of("n1", local(freePort()), "n2", local(freePort()), "n3", local(freePort()))));
            sqlNode = RaftServer.start(config("n1", CLIENT_CLUSTER, Map.of("n1", local(freePort())), "sql"));
            client = RaftKvClient.create(ClientConfig.builder(CLIENT_CLUSTER, List.of(NodeAddress.of(clientNode.address())))
                    .requestTimeout(Duration.ofSeconds(20)).build());
            peerNodeClient = RaftKvClient.create(ClientConfig.builder("fzp",
                    List.of(NodeAddress.of(peerNode.address()))).requestTimeout(Duration.ofSeconds(10)).build());
            check(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FuzzFailure e) {
            close();
            throw new IllegalStateException("the fuzz nodes did not start serving: " + e.getMessage(), e);
        }
    }

    private ServerConfig config(String id, String cluster, Map<String, InetSocketAddress> members) {
        return config(id, cluster, members, cluster);
    }

    private ServerConfig config(String id, String cluster, Map<String, InetSocketAddress> members, String subdir) {
        return ServerConfig.of(id, cluster, dir.resolve(subdir), members, false)
                .withRaft(RaftConfig.defaults(id).withTicks(10, 1)).withStorage(StorageConfig.forTests())
                .withTickMillis(20).withAuth(AuthConfig.off()); // the barrage targets decoding; AUTH has its own tests
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String name() {
        return "live/node";
    }

    @Override
    public void tryOnce(long seed) throws FuzzFailure {
        Random rnd = new Random(seed);
        boolean peer = rnd.nextBoolean();
        InetSocketAddress to = peer ? peerNode.address() : clientNode.address();
        byte[] bytes = peer ? peerBytes(rnd) : clientBytes(rnd);
        try (Socket s = new Socket(to.getAddress(), to.getPort())) {
            s.setSoLinger(true, 0);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            if (rnd.nextBoolean()) {
                s.shutdownOutput();
                s.setSoTimeout(200);
                s.getInputStream().read(new byte[4096]);
            }
        } catch (IOException e) {
            // the node closed the connection: a refusal, which is what hostile bytes deserve
        }
        if (++checks % CHECK_EVERY == 0) {
            check(seed);
        }
    }

    /**
     * Both nodes serve and nothing unexpected was logged.
     *
     * @throws FuzzFailure naming what failed, with the seed of the last try before the check
     */
    public void check(long seed) throws FuzzFailure {
        byte[] key = ("fuzz-check-" + seed).getBytes(StandardCharsets.UTF_8);
        byte[] value = ("v" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        try {
            client.put(key, value);
            byte[] got = client.get(key).value();
            if (!Arrays.equals(got, value)) {
                throw new FuzzFailure(name(), seed, "", "the client node read back " + Arrays.toString(got)
                        + " after writing " + Arrays.toString(value), null);
            }
            peerNodeClient.status(NodeAddress.of(peerNode.address()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FuzzFailure(name(), seed, "", "interrupted while checking the nodes", e);
        } catch (RuntimeException e) {
            throw new FuzzFailure(name(), seed, "", "a node stopped serving after the tries before this seed", e);
        }
        List<String> bad = log.unexpected();
        if (!bad.isEmpty()) {
            throw new FuzzFailure(name(), seed, String.join("\n", bad.subList(0, Math.min(5, bad.size()))),
                    bad.size() + " unexpected log line(s) after the tries up to this seed", null);
        }
    }

    /** A JDBC URL of a one-node cluster no raw bytes are sent to, for {@link SqlTarget}. */
    public String jdbcUrl() {
        return "jdbc:raftkv://127.0.0.1:" + sqlNode.address().getPort() + "/";
    }

    /** Log lines the nodes wrote so far (refusals at WARN mostly). */
    public long logLines() {
        return log.lines();
    }

    private static byte[] clientBytes(Random rnd) {
        int mode = rnd.nextInt(4);
        Handshake hello = Samples.handshake(rnd);
        byte[] handshake = CodecTargets.frame(FrameType.HANDSHAKE, new Handshake(rnd.nextInt(8) == 0 ? "x" : CLIENT_CLUSTER,
                hello.senderId(), Role.CLIENT, hello.protocolVersion()).encode(), true);
        if (mode == 0) {
            return Mutator.mutate(rnd, handshake, CodecTargets.frame(FrameType.PING, new byte[0], true));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(handshake);
        out.writeBytes(CodecTargets.frame(FrameType.AUTH, AuthRequest.none().encode(), true));
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            byte[] body = RequestCodec.encode(Samples.dataRequest(rnd));
            byte[] other = RequestCodec.encode(Samples.dataRequest(rnd));
            if (mode == 1) {
                out.writeBytes(Mutator.mutate(rnd, CodecTargets.frame(FrameType.CLIENT_REQUEST, body, true),
                        CodecTargets.frame(FrameType.CLIENT_REQUEST, other, true)));
            } else {
                out.writeBytes(CodecTargets.frame(randomType(rnd, FrameType.CLIENT_REQUEST),
                        Mutator.mutate(rnd, body, other), true));
            }
        }
        return out.toByteArray();
    }

    private static byte[] peerBytes(Random rnd) {
        int mode = rnd.nextInt(4);
        String claimed = rnd.nextInt(8) == 0 ? "n9" : "n2";
        byte[] handshake = CodecTargets.frame(FrameType.HANDSHAKE,
                Handshake.current("fzp", claimed, Role.PEER).encode(), true);
        if (mode == 0) {
            return Mutator.mutate(rnd, handshake, CodecTargets.frame(FrameType.PING, new byte[0], true));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(handshake);
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            String from = rnd.nextInt(4) == 0 ? Samples.id(rnd) : "n2";
            byte[] body = RaftMessageCodec.encode(Samples.raftMessage(rnd, from, "n1"));
            byte[] other = RaftMessageCodec.encode(Samples.raftMessage(rnd));
            if (mode == 1) {
                out.writeBytes(Mutator.mutate(rnd, CodecTargets.frame(FrameType.RAFT_MESSAGE, body, true),
                        CodecTargets.frame(FrameType.RAFT_MESSAGE, other, true)));
            } else {
                out.writeBytes(CodecTargets.frame(randomType(rnd, FrameType.RAFT_MESSAGE),
                        Mutator.mutate(rnd, body, other), true));
            }
        }
        return out.toByteArray();
    }

    /** Mostly the expected type; sometimes another one, to hit the per-role frame checks. */
    private static FrameType randomType(Random rnd, FrameType usual) {
        return rnd.nextInt(8) == 0 ? FrameType.values()[rnd.nextInt(FrameType.values().length)] : usual;
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {client, peerNodeClient, clientNode, peerNode, sqlNode, log}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException("closing the fuzz nodes failed: " + e.getMessage(), e);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
