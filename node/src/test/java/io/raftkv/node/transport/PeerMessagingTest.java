package io.raftkv.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.node.raft.AppendEntries;
import io.raftkv.node.raft.Heartbeat;
import io.raftkv.node.raft.Message;
import io.raftkv.node.raft.RequestVote;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two or three real transports on 127.0.0.1 talking to each other. */
class PeerMessagingTest {

    private final List<TestNode> nodes = new ArrayList<>();

    private TestNode node(String id, java.util.function.UnaryOperator<TransportConfig> tweak) throws Exception {
        TestNode n = new TestNode("c1", id, c -> tweak.apply(c.withIdleTimeout(Duration.ofMillis(600))
                .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))));
        nodes.add(n);
        return n;
    }

    private TestNode node(String id) throws Exception {
        return node(id, c -> c);
    }

    private static void link(TestNode a, TestNode b) {
        a.transport.addPeer(b.transport.config().nodeId(), b.address);
        b.transport.addPeer(a.transport.config().nodeId(), a.address);
    }

    @AfterEach
    void closeAll() {
        nodes.forEach(TestNode::close);
    }

    private static byte[] seq(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static List<Integer> seqs(TestNode n) {
        return List.copyOf(n.peerMessages).stream().map(m -> ByteBuffer.wrap(m.body()).getInt()).toList();
    }

    @Test
    void when_two_peers_handshake_then_frames_flow_both_ways_tagged_with_the_sender() throws Exception {
        TestNode n1 = node("n1");
        TestNode n2 = node("n2");
        link(n1, n2);
        n1.transport.send("n2", FrameType.RAFT_MESSAGE, "from n1".getBytes(StandardCharsets.UTF_8));
        n2.transport.send("n1", FrameType.RAFT_MESSAGE, "from n2".getBytes(StandardCharsets.UTF_8));
        Await.until("n2 got n1's frame", () -> n2.peerMessages.size() == 1);
        Await.until("n1 got n2's frame", () -> n1.peerMessages.size() == 1);
        assertThat(n2.peerMessages.get(0).peerId()).isEqualTo("n1");
        assertThat(new String(n2.peerMessages.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("from n1");
        assertThat(n1.peerMessages.get(0).peerId()).isEqualTo("n2");
        assertThat(n1.peerMessages.get(0).type()).isEqualTo(FrameType.RAFT_MESSAGE);
        assertThat(n1.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void when_raft_messages_are_sent_then_the_peer_decodes_the_same_records() throws Exception {
        TestNode n1 = node("n1");
        TestNode n2 = node("n2");
        link(n1, n2);
        List<Message> sent = List.of(
                new RequestVote("n1", "n2", 4, 10, 3, false, false),
                new AppendEntries("n1", "n2", 4, 10, 3,
                        List.of(new LogEntry(4, 11, EntryType.COMMAND, new byte[] {1, 2}), LogEntry.noop(4, 12)), 9),
                new Heartbeat("n1", "n2", 4, 12, 77));
        for (Message m : sent) {
            n1.transport.send("n2", FrameType.RAFT_MESSAGE, RaftMessageCodec.encode(m));
        }
        Await.until("three messages", () -> n2.peerMessages.size() == 3);
        List<Message> received = new ArrayList<>();
        for (TestNode.PeerMessage m : List.copyOf(n2.peerMessages)) {
            received.add(RaftMessageCodec.decodeFrom(m.peerId(), m.body()));
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void when_a_burst_is_sent_then_it_arrives_in_order_with_fewer_flushes_than_frames() throws Exception {
        int count = 20_000;
        TestNode n1 = node("n1", c -> c.withPeerQueueCapacity(count));
        TestNode n2 = node("n2");
        link(n1, n2);
        Await.until("n1 connected to n2", () -> n1.transport.isConnected("n2"));
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            n1.transport.send("n2", FrameType.RAFT_MESSAGE, seq(i));
        }
        Await.until("all frames delivered", () -> n2.peerMessages.size() == count);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("burst: %d frames of 4 body bytes delivered in %d ms with %d flushes%n",
                count, micros / 1000, n1.metrics().flushes("n2"));
        assertThat(seqs(n2)).isSorted().hasSize(count).startsWith(0).endsWith(count - 1);
        assertThat(n1.metrics().dropped("n2")).isZero();
        assertThat(n1.metrics().sent("n2")).isEqualTo(count);
        assertThat(n1.metrics().flushes("n2")).isLessThan(count / 4);
        assertThat(n1.metrics().idleClosed() + n2.metrics().idleClosed()).isZero();
    }

    @Test
    void when_frames_are_queued_before_the_peer_is_reachable_then_they_are_delivered_after_connecting()
            throws Exception {
        TestNode n2 = node("n2");
        TestNode n1 = node("n1");
        // n2 is not a member of n1 yet: rejected loudly rather than queued to nowhere.
        assertThatThrownBy(() -> n1.transport.send("n2", FrameType.RAFT_MESSAGE, seq(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n2");
        n1.transport.addPeer("n2", new InetSocketAddress("127.0.0.1", n2.address.getPort()));
        for (int i = 0; i < 10; i++) {
            n1.transport.send("n2", FrameType.RAFT_MESSAGE, seq(i));
        }
        // n2 does not know n1 yet, so it refuses; n1 keeps retrying with backoff.
        Await.until("n2 refused the unknown peer", () -> n2.metrics().handshakes(HandshakeOutcome.REFUSED_UNKNOWN_PEER) >= 1);
        assertThat(n2.peerMessages).isEmpty();
        n2.transport.addPeer("n1", n1.address);
        Await.until("queued frames delivered", () -> n2.peerMessages.size() == 10);
        assertThat(seqs(n2)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void when_the_queue_overflows_while_the_peer_is_down_then_the_oldest_are_dropped_and_counted()
            throws Exception {
        TestNode n1 = node("n1", c -> c.withPeerQueueCapacity(100));
        TestNode n2 = node("n2");
        int port = n2.address.getPort();
        link(n1, n2);
        Await.until("n1 connected to n2", () -> n1.transport.isConnected("n2"));
        n2.close();
        nodes.remove(n2);
        Await.until("n1 noticed n2 is gone", () -> !n1.transport.isConnected("n2"));
        for (int i = 0; i < 250; i++) {
            n1.transport.send("n2", FrameType.RAFT_MESSAGE, seq(i));
        }
        assertThat(n1.metrics().dropped("n2")).isEqualTo(150);
        // Same port as before: n1 reconnects to the address it knows.
        TestNode reborn = new TestNode("c1", "n2", c -> new TransportConfig(c.clusterId(), c.nodeId(),
                new InetSocketAddress("127.0.0.1", port), c.peers(), c.limits(), Duration.ofMillis(600),
                c.reconnectMinBackoff(), c.reconnectMaxBackoff(), c.peerQueueCapacity(), c.workerThreads(),
                c.checksum()));
        nodes.add(reborn);
        reborn.transport.addPeer("n1", n1.address);
        Await.until("the newest 100 delivered after reconnecting", () -> reborn.peerMessages.size() == 100);
        assertThat(seqs(reborn)).first().isEqualTo(150);
        assertThat(seqs(reborn)).isSorted().last().isEqualTo(249);
    }

    @Test
    void when_quiet_peers_exceed_the_idle_timeout_then_pings_keep_their_connections_open() throws Exception {
        TestNode n1 = node("n1");
        TestNode n2 = node("n2");
        link(n1, n2);
        Await.until("both connected", () -> n1.transport.isConnected("n2") && n2.transport.isConnected("n1"));
        long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        Await.until("three idle timeouts pass", Duration.ofSeconds(5), () -> System.nanoTime() > deadline);
        assertThat(n1.transport.isConnected("n2")).isTrue();
        assertThat(n2.transport.isConnected("n1")).isTrue();
        assertThat(n1.metrics().idleClosed() + n2.metrics().idleClosed()).isZero();
        assertThat(n2.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void when_one_peer_writes_steadily_and_reads_nothing_then_its_connection_is_not_cut_as_idle()
            throws Exception {
        TestNode n1 = node("n1");
        TestNode n2 = node("n2");
        link(n1, n2);
        Await.until("n1 connected to n2", () -> n1.transport.isConnected("n2"));
        // Like a leader's heartbeats: n1 writes every 50 ms for three idle timeouts, n2 never answers.
        long end = System.nanoTime() + Duration.ofMillis(1800).toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            n1.transport.send("n2", FrameType.RAFT_MESSAGE, seq(sent++));
            Thread.sleep(50);
        }
        int total = sent;
        Await.until("all heartbeats delivered", () -> n2.peerMessages.size() == total);
        assertThat(n1.metrics().idleClosed() + n2.metrics().idleClosed()).isZero();
        assertThat(n2.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void when_a_member_is_removed_then_its_connections_close_and_it_is_refused_from_then_on() throws Exception {
        TestNode n1 = node("n1");
        TestNode n2 = node("n2");
        link(n1, n2);
        Await.until("n1 connected to n2", () -> n1.transport.isConnected("n2"));
        n2.transport.removePeer("n1");
        Await.until("n1 lost its connection", () -> !n1.transport.isConnected("n2"));
        Await.until("n1's reconnection refused",
                () -> n2.metrics().handshakes(HandshakeOutcome.REFUSED_UNKNOWN_PEER) >= 1);
        n1.transport.send("n2", FrameType.RAFT_MESSAGE, seq(1));
        assertThat(n2.peerMessages).isEmpty();
        assertThatThrownBy(() -> n2.transport.send("n1", FrameType.RAFT_MESSAGE, seq(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void when_a_frame_exceeds_the_frame_limit_then_send_refuses_it_naming_the_limit() throws Exception {
        TestNode n1 = node("n1");
        TestNode n2 = node("n2");
        link(n1, n2);
        assertThatThrownBy(() -> n1.transport.send("n2", FrameType.RAFT_MESSAGE, new byte[16 * 1024 * 1024]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes");
    }

    @Test
    void when_transports_close_then_no_event_loop_thread_survives() throws Exception {
        TestNode n1 = node("t1");
        TestNode n2 = node("t2");
        link(n1, n2);
        Await.until("connected", () -> n1.transport.isConnected("t2"));
        assertThat(threadsOf("raftkv-t1-")).isNotEmpty();
        closeAll();
        nodes.clear();
        assertThat(threadsOf("raftkv-t1-")).isEmpty();
        assertThat(threadsOf("raftkv-t2-")).isEmpty();
    }

    private static List<String> threadsOf(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName).toList();
    }
}
