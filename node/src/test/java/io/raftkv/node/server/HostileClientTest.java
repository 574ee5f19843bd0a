package io.raftkv.node.server;

import static io.raftkv.node.server.LeaderFailoverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.Put;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.Role;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against a real node process: each bad connection is refused or closed and
 * logged, and the node keeps serving a well-behaved client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientTest {

    @TempDir
    static Path dir;
    ProcessCluster cluster;
    final AtomicInteger goodWrites = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        cluster = new ProcessCluster(dir, 1, List.of());
        cluster.startAll();
        cluster.awaitLeader(List.of("n1"), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
    }

    private void assertStillServing() throws Exception {
        try (RawClient good = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
            String key = "good" + goodWrites.incrementAndGet();
            assertThat(good.call(new Request.Write(Command.of(Put.of(bytes(key), bytes("v"))))))
                    .isInstanceOf(Response.WriteResult.class);
            Response r = good.call(new Request.Get(bytes(key), ReadConsistency.LINEARIZABLE));
            assertThat(((Response.GetResult) r).value()).isEqualTo(bytes("v"));
        }
    }

    private void awaitLog(String... parts) throws InterruptedException {
        Eventually.await(Duration.ofSeconds(10), "a log line with " + Arrays.toString(parts), () -> {
            for (String line : cluster.process("n1").logText().split("\n")) {
                if (Arrays.stream(parts).allMatch(line::contains)) {
                    return line;
                }
            }
            return null;
        });
    }

    @Test
    void when_garbage_bytes_arrive_then_the_connection_is_closed_and_logged() throws Exception {
        try (RawClient bad = new RawClient(cluster.address("n1"))) {
            bad.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.closedByServer()).isTrue();
            awaitLog("WARN", "BAD_MAGIC", bad.logTag());
        }
        assertStillServing();
    }

    @Test
    void when_a_frame_header_declares_1_GiB_then_the_connection_is_closed_and_logged() throws Exception {
        try (RawClient bad = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
            bad.write(ByteBuffer.allocate(FrameHeader.BYTES).putInt(FrameHeader.MAGIC).put((byte) FrameHeader.CURRENT_VERSION)
                    .put((byte) FrameType.CLIENT_REQUEST.code()).put((byte) 0).put((byte) 0).putInt(1 << 30)
                    .putInt(0).array());
            assertThat(bad.closedByServer()).isTrue();
            awaitLog("WARN", "FRAME_TOO_LARGE", bad.logTag());
        }
        assertStillServing();
    }

    @Test
    void when_the_connection_ends_inside_a_frame_then_truncation_is_logged() throws Exception {
        byte[] whole = RawClient.frameBytes(FrameType.HANDSHAKE.code(),
                Handshake.current(ProcessCluster.CLUSTER_ID, "half", Role.CLIENT).encode());
        try (RawClient bad = new RawClient(cluster.address("n1"))) {
            bad.write(Arrays.copyOf(whole, whole.length - 4));
            bad.shutdownOutput();
            assertThat(bad.closedByServer()).isTrue();
            awaitLog("WARN", "TRUNCATED", bad.logTag());
        }
        assertStillServing();
    }

    @Test
    void when_the_cluster_id_is_wrong_then_the_handshake_is_refused_and_logged() throws Exception {
        try (RawClient bad = new RawClient(cluster.address("n1"))) {
            HandshakeReply reply = bad.handshake(Handshake.current("other-cluster", "intruder", Role.CLIENT));
            assertThat(reply.outcome()).isEqualTo(HandshakeOutcome.REFUSED_CLUSTER_ID);
            assertThat(bad.closedByServer()).isTrue();
            awaitLog("WARN", "REFUSED_CLUSTER_ID", bad.logTag());
        }
        assertStillServing();
    }

    @Test
    void when_an_accepted_client_goes_silent_then_the_half_open_connection_is_closed_and_logged() throws Exception {
        try (RawClient halfOpen = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
            assertThat(halfOpen.closedByServer()).isTrue();
            awaitLog("WARN", "idleTimeout", halfOpen.logTag());
        }
        assertStillServing();
    }

    @Test
    void when_a_request_body_is_garbage_then_the_node_answers_bad_request_or_closes_and_logs() throws Exception {
        try (RawClient bad = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
            byte[] body = new byte[64];
            Arrays.fill(body, (byte) 0x7f);
            bad.send(FrameType.CLIENT_REQUEST, body);
            assertThat(bad.closedByServer()).isTrue();
            awaitLog("WARN", "request from");
        }
        try (RawClient bad = RawClient.open(cluster.address("n1"), ProcessCluster.CLUSTER_ID)) {
            Response r = bad.call(new Request.Write(Command.of(Put.of(new byte[8 * 1024], bytes("v")))));
            assertThat(r).isInstanceOf(ErrorResponse.class);
            assertThat(((ErrorResponse) r).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
            assertThat(((ErrorResponse) r).limitName()).isEqualTo("maxKeyBytes");
        }
        assertStillServing();
    }
}
