package io.raftkv.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.protocol.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients on real sockets: requests and answers, the connection limit, the in-flight limit. */
class ClientConnectionTest {

    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static Handshake client(String id) {
        return Handshake.current("c1", id, Role.CLIENT);
    }

    @Test
    void when_a_client_sends_requests_then_the_sink_sees_them_in_order_and_answers_come_back_in_order()
            throws Exception {
        node = new TestNode("c1", "n1");
        try (RawConnection c = new RawConnection(node.address)) {
            HandshakeReply reply = c.handshake(client("app-1"));
            assertThat(reply.isAccepted()).isTrue();
            assertThat(reply.nodeId()).isEqualTo("n1");
            for (int i = 0; i < 50; i++) {
                c.send(FrameType.CLIENT_REQUEST, new byte[] {(byte) i});
            }
            for (int i = 0; i < 50; i++) {
                Frame answer = c.read();
                assertThat(answer.type()).isEqualTo(FrameType.CLIENT_RESPONSE);
                assertThat(answer.body()).containsExactly((byte) i);
            }
        }
        assertThat(node.clientConnections).allSatisfy(conn -> assertThat(conn.clientId()).isEqualTo("app-1"));
        Await.until("disconnect reported", () -> node.disconnected.size() == 1);
    }

    @Test
    void when_a_client_sends_a_raft_message_then_it_is_closed_and_the_peer_sink_sees_nothing() throws Exception {
        node = new TestNode("c1", "n1");
        try (RawConnection c = new RawConnection(node.address)) {
            assertThat(c.handshake(client("sneaky")).isAccepted()).isTrue();
            c.send(FrameType.RAFT_MESSAGE, new byte[] {1});
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(node.peerMessages).isEmpty();
    }

    @Test
    void when_the_connection_limit_is_reached_then_further_clients_are_refused_until_one_leaves() throws Exception {
        node = new TestNode("c1", "n1", c -> c.withLimits(ProtocolLimits.DEFAULTS.withMaxConnectionsPerNode(2)));
        RawConnection first = new RawConnection(node.address);
        try (RawConnection second = new RawConnection(node.address)) {
            assertThat(first.handshake(client("a")).isAccepted()).isTrue();
            assertThat(second.handshake(client("b")).isAccepted()).isTrue();
            try (RawConnection third = new RawConnection(node.address)) {
                HandshakeReply refused = third.handshake(client("c"));
                assertThat(refused.outcome()).isEqualTo(HandshakeOutcome.REFUSED_CONNECTION_LIMIT);
                assertThat(refused.detail()).contains("maxConnectionsPerNode");
                assertThat(third.closedByServer()).isTrue();
            }
            first.close();
            Await.until("slots freed", () -> node.metrics().openInboundConnections() == 1);
            try (RawConnection fourth = new RawConnection(node.address)) {
                assertThat(fourth.handshake(client("d")).isAccepted()).isTrue();
            }
        }
    }

    @Test
    void when_unidentified_connections_pass_twice_the_limit_then_more_are_closed_at_accept() throws Exception {
        node = new TestNode("c1", "n1", c -> c.withLimits(ProtocolLimits.DEFAULTS.withMaxConnectionsPerNode(2)));
        java.util.List<RawConnection> flood = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                flood.add(new RawConnection(node.address));
            }
            Await.until("four connections open", () -> node.metrics().openInboundConnections() == 4);
            try (RawConnection fifth = new RawConnection(node.address)) {
                assertThat(fifth.closedByServer()).isTrue();
            }
            assertThat(node.metrics().refusedAtAccept()).isEqualTo(1);
        } finally {
            for (RawConnection c : flood) {
                c.close();
            }
        }
        Await.until("flood gone", () -> node.metrics().openInboundConnections() == 0);
        try (RawConnection good = new RawConnection(node.address)) {
            assertThat(good.handshake(client("after-flood")).isAccepted()).isTrue();
        }
    }

    @Test
    void when_requests_in_flight_reach_the_limit_then_reading_pauses_until_an_answer_goes_out() throws Exception {
        node = new TestNode("c1", "n1",
                c -> c.withLimits(ProtocolLimits.DEFAULTS.withMaxRequestsInFlightPerConnection(2)));
        node.echo = false;
        try (RawConnection c = new RawConnection(node.address)) {
            assertThat(c.handshake(client("busy")).isAccepted()).isTrue();
            c.send(FrameType.CLIENT_REQUEST, new byte[] {1});
            c.send(FrameType.CLIENT_REQUEST, new byte[] {2});
            Await.until("two requests delivered", () -> node.clientRequests.size() == 2);
            c.send(FrameType.CLIENT_REQUEST, new byte[] {3});
            c.send(FrameType.PING, new byte[0]);
            // Reads are paused: not even the PING is answered.
            assertThat(c.silentFor(Duration.ofMillis(300))).isTrue();
            assertThat(node.clientRequests).hasSize(2);
            node.clientConnections.get(0).respond(new byte[] {1});
            assertThat(c.read().body()).containsExactly(1);
            assertThat(c.read().type()).isEqualTo(FrameType.PONG);
            assertThat(node.clientRequests).hasSize(3);
        }
    }

    @Test
    void when_the_sink_throws_then_that_connection_is_closed_and_others_are_served() throws Exception {
        node = new TestNode("c1", "n1");
        node.failWith = new IllegalStateException("bug in the server loop");
        try (RawConnection c = new RawConnection(node.address)) {
            assertThat(c.handshake(client("victim")).isAccepted()).isTrue();
            c.send(FrameType.CLIENT_REQUEST, new byte[] {1});
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(node.metrics().sinkFailures()).isEqualTo(1);
        node.failWith = null;
        try (RawConnection c = new RawConnection(node.address)) {
            assertThat(c.handshake(client("next")).isAccepted()).isTrue();
            c.send(FrameType.CLIENT_REQUEST, new byte[] {2});
            assertThat(c.read().body()).containsExactly(2);
        }
    }
}
