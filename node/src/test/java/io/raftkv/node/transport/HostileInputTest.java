package io.raftkv.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolException.Reason;
import io.raftkv.client.protocol.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes and bad handshakes on a real socket: each is refused or closed, counted, and logged
 * at WARN with the reason and the remote port; the node keeps serving a well-behaved client
 * afterwards.
 */
class HostileInputTest {

    private TestNode node;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        node = new TestNode("c1", "n1", c -> c.withIdleTimeout(Duration.ofMillis(500)));
        node.transport.addPeer("n2", new java.net.InetSocketAddress("127.0.0.1", 1));
    }

    @AfterEach
    void stop() {
        node.close();
        log.close();
    }

    /** A fresh, correct client still gets its request echoed. */
    private void assertStillServing() throws Exception {
        try (RawConnection good = new RawConnection(node.address)) {
            assertThat(good.handshake(Handshake.current("c1", "good-client", Role.CLIENT)).isAccepted()).isTrue();
            byte[] body = "still here".getBytes(StandardCharsets.UTF_8);
            good.send(FrameType.CLIENT_REQUEST, body);
            Frame answer = good.read();
            assertThat(answer.type()).isEqualTo(FrameType.CLIENT_RESPONSE);
            assertThat(answer.body()).isEqualTo(body);
        }
    }

    @Test
    void when_garbage_bytes_arrive_then_the_connection_is_closed_as_bad_magic() throws Exception {
        try (RawConnection bad = new RawConnection(node.address)) {
            bad.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "BAD_MAGIC", bad.logTag());
        }
        Await.until("BAD_MAGIC counted", () -> node.metrics().protocolErrors(Reason.BAD_MAGIC) == 1);
        assertStillServing();
    }

    @Test
    void when_a_header_declares_1_GiB_then_the_server_closes_without_reading_the_body() throws Exception {
        byte[] header = ByteBuffer.allocate(FrameHeader.BYTES).putInt(FrameHeader.MAGIC).put((byte) FrameHeader.CURRENT_VERSION)
                .put((byte) FrameType.HANDSHAKE.code()).put((byte) 0).put((byte) 0).putInt(1 << 30).putInt(0).array();
        try (RawConnection bad = new RawConnection(node.address)) {
            bad.write(header);
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "FRAME_TOO_LARGE", "maxPreHandshakeFrameBytes", bad.logTag());
        }
        Await.until("FRAME_TOO_LARGE counted", () -> node.metrics().protocolErrors(Reason.FRAME_TOO_LARGE) == 1);
        assertStillServing();
    }

    @Test
    void when_an_accepted_client_declares_more_than_maxFrameBytes_then_it_is_closed() throws Exception {
        try (RawConnection bad = new RawConnection(node.address)) {
            assertThat(bad.handshake(Handshake.current("c1", "big", Role.CLIENT)).isAccepted()).isTrue();
            byte[] header = ByteBuffer.allocate(FrameHeader.BYTES).putInt(FrameHeader.MAGIC).put((byte) FrameHeader.CURRENT_VERSION)
                    .put((byte) FrameType.CLIENT_REQUEST.code()).put((byte) 0).put((byte) 0)
                    .putInt(16 * 1024 * 1024).putInt(0).array();
            bad.write(header);
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "FRAME_TOO_LARGE", "maxFrameBytes", bad.logTag());
        }
        Await.until("FRAME_TOO_LARGE counted", () -> node.metrics().protocolErrors(Reason.FRAME_TOO_LARGE) == 1);
        assertThat(node.clientRequests).isEmpty();
        assertStillServing();
    }

    @Test
    void when_the_connection_ends_inside_a_frame_then_truncation_is_reported() throws Exception {
        byte[] whole = RawConnection.frameBytes(1, FrameType.HANDSHAKE.code(),
                Handshake.current("c1", "half", Role.CLIENT).encode());
        try (RawConnection bad = new RawConnection(node.address)) {
            bad.write(Arrays.copyOf(whole, whole.length - 4));
            bad.shutdownOutput();
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "TRUNCATED", bad.logTag());
        }
        Await.until("TRUNCATED counted", () -> node.metrics().protocolErrors(Reason.TRUNCATED) == 1);
        assertStillServing();
    }

    @Test
    void when_the_cluster_id_differs_then_the_handshake_is_refused_and_closed() throws Exception {
        try (RawConnection bad = new RawConnection(node.address)) {
            HandshakeReply reply = bad.handshake(Handshake.current("other-cluster", "n2", Role.PEER));
            assertThat(reply.outcome()).isEqualTo(HandshakeOutcome.REFUSED_CLUSTER_ID);
            assertThat(reply.detail()).contains("other-cluster").contains("c1");
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "REFUSED_CLUSTER_ID", "other-cluster", bad.logTag());
        }
        assertThat(node.metrics().handshakes(HandshakeOutcome.REFUSED_CLUSTER_ID)).isEqualTo(1);
        assertStillServing();
    }

    @Test
    @DisplayName("an unknown peer is refused before any Raft message it sent is decoded")
    void unknownPeerIsRefusedBeforeDecoding() throws Exception {
        byte[] hello = RawConnection.frameBytes(1, FrameType.HANDSHAKE.code(),
                Handshake.current("c1", "n9", Role.PEER).encode());
        byte[] raft = RawConnection.frameBytes(1, FrameType.RAFT_MESSAGE.code(), new byte[] {1, 2, 3});
        byte[] both = Arrays.copyOf(hello, hello.length + raft.length);
        System.arraycopy(raft, 0, both, hello.length, raft.length);
        try (RawConnection bad = new RawConnection(node.address)) {
            bad.write(both);
            HandshakeReply reply = HandshakeReply.decode(bad.read().body());
            assertThat(reply.outcome()).isEqualTo(HandshakeOutcome.REFUSED_UNKNOWN_PEER);
            assertThat(reply.detail()).contains("n9");
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "REFUSED_UNKNOWN_PEER", "'n9'", bad.logTag());
        }
        assertThat(node.peerMessages).isEmpty();
        assertThat(node.metrics().handshakes(HandshakeOutcome.REFUSED_UNKNOWN_PEER)).isEqualTo(1);
        assertStillServing();
    }

    @Test
    void when_the_protocol_version_differs_then_the_reply_names_the_supported_version() throws Exception {
        try (RawConnection bad = new RawConnection(node.address)) {
            HandshakeReply reply = bad.handshake(new Handshake("c1", "future-client", Role.CLIENT, FrameHeader.CURRENT_VERSION + 1));
            assertThat(reply.outcome()).isEqualTo(HandshakeOutcome.REFUSED_VERSION);
            assertThat(reply.protocolVersion()).isEqualTo(FrameHeader.CURRENT_VERSION);
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "REFUSED_VERSION", bad.logTag());
        }
        assertThat(node.metrics().handshakes(HandshakeOutcome.REFUSED_VERSION)).isEqualTo(1);
        assertStillServing();
    }

    @Test
    void when_a_frame_other_than_a_handshake_comes_first_then_it_is_closed_unread() throws Exception {
        try (RawConnection bad = new RawConnection(node.address)) {
            bad.send(FrameType.CLIENT_REQUEST, new byte[] {1});
            assertThat(bad.closedByServer()).isTrue();
            log.awaitLine("WARN", "UNEXPECTED_FRAME", bad.logTag());
        }
        Await.until("UNEXPECTED_FRAME counted", () -> node.metrics().protocolErrors(Reason.UNEXPECTED_FRAME) == 1);
        assertThat(node.clientRequests).isEmpty();
        assertStillServing();
    }

    @Test
    void when_a_connection_sends_nothing_then_it_is_closed_after_the_idle_timeout() throws Exception {
        try (RawConnection silent = new RawConnection(node.address)) {
            assertThat(silent.closedByServer()).isTrue();
            log.awaitLine("WARN", "idleTimeout", silent.logTag());
        }
        assertThat(node.metrics().idleClosed()).isEqualTo(1);
        assertStillServing();
    }

    @Test
    void when_an_accepted_client_goes_silent_then_it_is_closed_after_the_idle_timeout() throws Exception {
        try (RawConnection halfOpen = new RawConnection(node.address)) {
            assertThat(halfOpen.handshake(Handshake.current("c1", "quiet", Role.CLIENT)).isAccepted()).isTrue();
            assertThat(halfOpen.closedByServer()).isTrue();
            log.awaitLine("WARN", "idleTimeout", halfOpen.logTag());
        }
        assertThat(node.metrics().idleClosed()).isEqualTo(1);
        Await.until("sink told of the disconnect", () -> node.disconnected.size() == 1);
        assertStillServing();
    }

    @Test
    void when_a_client_pings_then_the_node_answers_and_keeps_the_connection_open_past_the_idle_timeout()
            throws Exception {
        try (RawConnection pinger = new RawConnection(node.address)) {
            assertThat(pinger.handshake(Handshake.current("c1", "pinger", Role.CLIENT)).isAccepted()).isTrue();
            long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
            while (System.nanoTime() < end) {
                pinger.send(FrameType.PING, new byte[0]);
                assertThat(pinger.read().type()).isEqualTo(FrameType.PONG);
                Thread.sleep(100);
            }
            pinger.send(FrameType.CLIENT_REQUEST, new byte[] {7});
            assertThat(pinger.read().body()).containsExactly(7);
        }
        assertThat(node.metrics().idleClosed()).isZero();
    }
}
