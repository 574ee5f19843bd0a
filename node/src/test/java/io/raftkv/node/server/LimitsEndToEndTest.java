package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.api.ClientConfig;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.client.api.RaftKvClient;
import io.raftkv.client.api.RequestFailedException;
import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.CommandLimits;
import io.raftkv.client.command.Delete;
import io.raftkv.client.command.Op;
import io.raftkv.client.command.Put;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.protocol.Role;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every documented limit against a real 3-node cluster (in-process {@link RaftServer}s on real
 * sockets): the violation is a typed error naming the limit, nothing of the request is written,
 * and the cluster keeps serving. The in-flight limit is back-pressure, not an error: it is
 * checked on real sockets in {@code ClientConnectionTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsEndToEndTest {

    @TempDir
    static Path dir;
    final List<RaftServer> servers = new ArrayList<>();
    RaftKvClient client;
    InetSocketAddress leader;

    @BeforeAll
    void start() throws Exception {
        Map<String, InetSocketAddress> members = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            members.put("n" + i, new InetSocketAddress("127.0.0.1", FreePorts.one()));
        }
        for (String id : members.keySet()) {
            servers.add(RaftServer.start(ServerConfig.of(id, "c1", dir.resolve(id), members, false)
                    .withRaft(RaftConfig.defaults(id).withTicks(10, 1)).withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off())
                    .withTickMillis(20)));
        }
        client = RaftKvClient.create(ClientConfig.builder("c1", members.values().stream().map(NodeAddress::of)
                .toList()).requestTimeout(Duration.ofSeconds(30)).build());
        client.put(bytes("warm"), bytes("up"));
        NodeAddress l = client.believedLeader();
        leader = new InetSocketAddress(l.host(), l.port());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        servers.forEach(RaftServer::close);
    }

    private void assertServing() throws Exception {
        byte[] key = bytes("after-" + System.nanoTime());
        client.put(key, bytes("ok"));
        assertThat(client.get(key).value()).isEqualTo(bytes("ok"));
    }

    private void assertAbsent(byte[] key) throws Exception {
        assertThat(client.get(key, ReadConsistency.LINEARIZABLE).value()).isNull();
    }

    /** Sends {@code command} to the leader past the client's own checks and returns the node's answer. */
    private Response rawWrite(Command command) throws Exception {
        try (RawClient raw = RawClient.open(leader, "c1")) {
            raw.setTimeoutMillis(30_000);
            return raw.call(new Request.Write(command));
        }
    }

    private static void assertLimitError(Response r, ErrorCode code, String limitName) {
        assertThat(r).isInstanceOf(ErrorResponse.class);
        ErrorResponse e = (ErrorResponse) r;
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.limitName()).isEqualTo(limitName);
        assertThat(e.message()).contains(limitName);
    }

    @Test
    void when_a_frame_declares_more_than_maxFrameBytes_after_the_handshake_then_the_node_closes_it_unread()
            throws Exception {
        try (RawClient raw = RawClient.open(leader, "c1")) {
            byte[] header = RawClient.frameBytes(FrameType.CLIENT_REQUEST.code(), new byte[0]);
            ByteBuffer.wrap(header).putInt(8, ProtocolLimits.DEFAULT_MAX_FRAME_BYTES);
            raw.write(header);
            Eventually.await(Duration.ofSeconds(10), "the node to close the connection",
                    () -> raw.closedByServer() ? true : null);
        }
        assertServing();
    }

    @Test
    void when_a_key_is_over_maxKeyBytes_then_client_and_node_refuse_it_naming_the_limit() throws Exception {
        byte[] key = new byte[CommandLimits.DEFAULT_MAX_KEY_BYTES + 1];
        Arrays.fill(key, (byte) 'k');
        assertThatThrownBy(() -> client.put(key, bytes("v"))).isInstanceOfSatisfying(RequestFailedException.class,
                e -> assertThat(e.limitName()).isEqualTo("maxKeyBytes"));
        assertLimitError(rawWrite(Command.of(Put.of(key, bytes("v")))), ErrorCode.LIMIT_EXCEEDED, "maxKeyBytes");
        assertServing();
    }

    @Test
    void when_a_value_is_over_maxValueBytes_then_nothing_of_the_batch_is_written() throws Exception {
        byte[] small = bytes("value-limit-small");
        byte[] big = bytes("value-limit-big");
        Command command = Command.batch(List.of(Put.of(small, bytes("v")),
                Put.of(big, new byte[CommandLimits.DEFAULT_MAX_VALUE_BYTES + 1])));
        assertThatThrownBy(() -> client.write(command.ops())).isInstanceOfSatisfying(RequestFailedException.class,
                e -> assertThat(e.limitName()).isEqualTo("maxValueBytes"));
        assertLimitError(rawWrite(command), ErrorCode.LIMIT_EXCEEDED, "maxValueBytes");
        assertAbsent(small);
        assertAbsent(big);
        assertServing();
    }

    @Test
    void when_a_batch_has_more_than_maxOpsPerBatch_ops_then_it_is_refused_before_proposing() throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i <= CommandLimits.DEFAULT_MAX_OPS_PER_BATCH; i++) {
            ops.add(i == 0 ? Put.of(bytes("ops-limit-0"), bytes("v")) : Delete.of(bytes("o" + i)));
        }
        assertThatThrownBy(() -> client.write(ops)).isInstanceOfSatisfying(RequestFailedException.class,
                e -> assertThat(e.limitName()).isEqualTo("maxOpsPerBatch"));
        assertLimitError(rawWrite(Command.batch(ops)), ErrorCode.LIMIT_EXCEEDED, "maxOpsPerBatch");
        assertAbsent(bytes("ops-limit-0"));
        assertServing();
    }

    @Test
    void when_a_batch_is_just_under_maxBatchBytes_then_all_three_nodes_commit_it() throws Exception {
        List<Op> ops = new ArrayList<>();
        int value = CommandLimits.DEFAULT_MAX_VALUE_BYTES;
        for (int i = 0; i < CommandLimits.DEFAULT_MAX_BATCH_BYTES / value - 1; i++) {
            ops.add(Put.of(bytes("big-" + i), new byte[value]));
        }
        assertThat(CommandCodec.encode(Command.batch(ops)).length).isGreaterThan(13 * value);
        Response.WriteResult r = client.write(ops);
        assertThat(r.result().applied()).isTrue();
        for (RaftServer s : servers) {
            try (RawClient raw = RawClient.open(s.address(), "c1")) {
                Eventually.await(Duration.ofSeconds(30), "node " + s.address() + " to apply the big batch", () -> {
                    Response g = raw.call(new Request.Get(bytes("big-0"), ReadConsistency.STALE));
                    return g instanceof Response.GetResult gr && gr.value() != null ? gr : null;
                });
            }
        }
        assertServing();
    }

    @Test
    void when_a_batch_is_over_maxBatchBytes_but_fits_a_frame_then_it_is_refused_naming_the_limit() throws Exception {
        List<Op> ops = new ArrayList<>();
        int value = CommandLimits.DEFAULT_MAX_VALUE_BYTES;
        for (int i = 0; i < CommandLimits.DEFAULT_MAX_BATCH_BYTES / value; i++) {
            ops.add(Put.of(bytes("over-" + i), new byte[value]));
        }
        Command command = Command.batch(ops);
        int encoded = CommandCodec.encode(command).length;
        assertThat(encoded).isGreaterThan(CommandLimits.DEFAULT_MAX_BATCH_BYTES)
                .isLessThan(ProtocolLimits.DEFAULT_MAX_FRAME_BYTES - 1024);
        assertThatThrownBy(() -> client.write(ops)).isInstanceOfSatisfying(RequestFailedException.class,
                e -> assertThat(e.limitName()).isEqualTo("maxBatchBytes"));
        assertLimitError(rawWrite(command), ErrorCode.LIMIT_EXCEEDED, "maxBatchBytes");
        assertAbsent(bytes("over-0"));
        assertServing();
    }

    @Test
    void when_a_node_holds_maxConnectionsPerNode_then_the_next_client_is_refused_naming_the_limit()
            throws Exception {
        InetSocketAddress target = servers.get(0).address();
        List<RawClient> open = new ArrayList<>();
        try {
            HandshakeReply refused = null;
            for (int i = 0; i <= ProtocolLimits.DEFAULT_MAX_CONNECTIONS_PER_NODE && refused == null; i++) {
                RawClient c = new RawClient(target);
                open.add(c);
                HandshakeReply reply = c.handshake(Handshake.current("c1", "conn" + i, Role.CLIENT));
                if (!reply.isAccepted()) {
                    refused = reply;
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.outcome()).isEqualTo(HandshakeOutcome.REFUSED_CONNECTION_LIMIT);
            assertThat(refused.detail()).contains("maxConnectionsPerNode");
        } finally {
            for (RawClient c : open) {
                c.close();
            }
        }
        Eventually.await(Duration.ofSeconds(10), "a client connection to be accepted again", () -> {
            try (RawClient c = new RawClient(target)) {
                return c.handshake(Handshake.current("c1", "again", Role.CLIENT)).isAccepted() ? true : null;
            }
        });
        assertServing();
    }
}
