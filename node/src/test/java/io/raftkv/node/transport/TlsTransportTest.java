package io.raftkv.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.Role;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transports with TLS on real sockets, certificates made by bin/make-certs: a TLS cluster passes
 * messages; a peer without a certificate, with one of another CA, or with one naming another
 * node is refused before any of its Raft frames reaches the sink.
 */
class TlsTransportTest {

    @TempDir
    static Path certs;

    private final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        makeCerts(certs.resolve("a"), "n1", "n2", "n3");
        makeCerts(certs.resolve("b"), "n2");
    }

    private static void makeCerts(Path dir, String... ids) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolveSibling("bin").resolve("make-certs");
        if (!Files.isExecutable(script)) {
            script = Path.of(System.getProperty("user.dir"), "bin", "make-certs");
        }
        List<String> cmd = new ArrayList<>(List.of(script.toString(), dir.toString(), "--hosts", "127.0.0.1"));
        cmd.addAll(List.of(ids));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static TlsConfig tls(String ca, String certOf, String trustCa) {
        Path d = certs.resolve(ca);
        return new TlsConfig(d.resolve(certOf + ".pem"), d.resolve(certOf + ".key"),
                certs.resolve(trustCa).resolve("ca.pem"));
    }

    private TestNode node(String id, TlsConfig tls) throws Exception {
        TestNode n = new TestNode("c1", id, c -> c.withIdleTimeout(Duration.ofMillis(1500))
                .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).withTls(tls));
        nodes.add(n);
        return n;
    }

    private static void link(TestNode a, TestNode b) {
        a.transport.addPeer(b.transport.config().nodeId(), b.address);
        b.transport.addPeer(a.transport.config().nodeId(), a.address);
    }

    @AfterEach
    void closeAll() {
        nodes.forEach(TestNode::close);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void when_three_peers_run_mutual_tls_then_frames_flow_between_all_of_them() throws Exception {
        TestNode n1 = node("n1", tls("a", "n1", "a"));
        TestNode n2 = node("n2", tls("a", "n2", "a"));
        TestNode n3 = node("n3", tls("a", "n3", "a"));
        link(n1, n2);
        link(n1, n3);
        link(n2, n3);
        for (TestNode from : List.of(n1, n2, n3)) {
            for (TestNode to : List.of(n1, n2, n3)) {
                if (from != to) {
                    from.transport.send(to.transport.config().nodeId(), FrameType.RAFT_MESSAGE,
                            text(from.transport.config().nodeId()));
                }
            }
        }
        for (TestNode n : List.of(n1, n2, n3)) {
            Await.until(n.transport.config().nodeId() + " got both frames", () -> n.peerMessages.size() == 2);
            for (TestNode.PeerMessage m : List.copyOf(n.peerMessages)) {
                assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo(m.peerId());
            }
            assertThat(n.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isEqualTo(2);
        }
    }

    @Test
    void when_a_plaintext_connection_reaches_a_tls_port_then_no_handshake_is_answered() throws Exception {
        TestNode n1 = node("n1", tls("a", "n1", "a"));
        try (RawConnection raw = new RawConnection(n1.address)) {
            raw.send(FrameType.HANDSHAKE, Handshake.current("c1", "n2", Role.PEER).encode());
            assertThat(raw.closedByServer()).isTrue();
        }
        Await.until("the TLS failure counted", () -> n1.metrics().tlsFailures() == 1);
        assertThat(n1.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isZero();
    }

    @Test
    void when_a_peer_presents_no_certificate_then_its_handshake_is_refused() throws Exception {
        TestNode n1 = node("n1", tls("a", "n1", "a"));
        n1.transport.addPeer("n2", new InetSocketAddress("127.0.0.1", 1));
        try (LogCapture log = new LogCapture(); RawConnection raw = new RawConnection(tlsSocketWithoutCert(n1.address))) {
            HandshakeReply reply = raw.handshake(Handshake.current("c1", "n2", Role.PEER));
            assertThat(reply.outcome()).isEqualTo(HandshakeOutcome.REFUSED_UNKNOWN_PEER);
            assertThat(reply.detail()).contains("presented no TLS certificate");
            assertThat(raw.closedByServer()).isTrue();
            log.awaitLine("refused PEER 'n2'", "presented no TLS certificate");
        }
        assertThat(n1.peerMessages).isEmpty();
    }

    @Test
    void when_a_client_presents_no_certificate_then_it_is_served_over_tls() throws Exception {
        TestNode n1 = node("n1", tls("a", "n1", "a"));
        try (RawConnection raw = new RawConnection(tlsSocketWithoutCert(n1.address))) {
            assertThat(raw.handshake(Handshake.current("c1", "app", Role.CLIENT)).isAccepted()).isTrue();
            raw.send(FrameType.CLIENT_REQUEST, text("ping"));
            Await.until("the request arrived", () -> n1.clientRequests.size() == 1);
        }
    }

    @Test
    void when_a_peer_certificate_comes_from_another_ca_then_tls_fails_and_nothing_is_delivered() throws Exception {
        TestNode n1 = node("n1", tls("a", "n1", "a"));
        // n2's certificate is from CA b; it trusts CA a, so only n1's check of n2 can fail
        TestNode n2 = node("n2", tls("b", "n2", "a"));
        try (LogCapture log = new LogCapture()) {
            link(n1, n2);
            n2.transport.send("n1", FrameType.RAFT_MESSAGE, text("from a stranger"));
            // n1's own outbound connection to n2 fails too; this is n1 refusing n2's certificate
            log.awaitLine("n1 inbound: closing connection", "TLS handshake failed");
        }
        assertThat(n1.metrics().tlsFailures()).isPositive();
        assertThat(n1.peerMessages).isEmpty();
        assertThat(n1.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isZero();
    }

    @Test
    void when_a_peer_certificate_names_another_node_then_its_handshake_is_refused() throws Exception {
        TestNode n1 = node("n1", tls("a", "n1", "a"));
        // a genuine cluster certificate, but n3's, used by a node claiming to be n2
        TestNode impostor = node("n2", tls("a", "n3", "a"));
        try (LogCapture log = new LogCapture()) {
            link(n1, impostor);
            impostor.transport.send("n1", FrameType.RAFT_MESSAGE, text("as n2"));
            log.awaitLine("refused PEER 'n2'", "certificate names [n3]");
        }
        assertThat(n1.metrics().handshakes(HandshakeOutcome.REFUSED_UNKNOWN_PEER)).isPositive();
        assertThat(n1.metrics().handshakes(HandshakeOutcome.ACCEPTED)).isZero();
        assertThat(n1.peerMessages).isEmpty();
    }

    @Test
    void when_tls_files_are_missing_or_unparsable_then_the_error_names_them() throws Exception {
        Path missing = certs.resolve("nope.pem");
        assertThatThrownBy(() -> new TlsConfig(missing, missing, missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.pem");
        Path ca = certs.resolve("a").resolve("ca.pem");
        TlsConfig swapped = new TlsConfig(certs.resolve("a").resolve("n1.key"), ca, ca);
        assertThatThrownBy(() -> node("n1", swapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n1.key").hasMessageContaining("PKCS#8");
    }

    /** A TLS socket that trusts CA a and has no certificate of its own. */
    private static SSLSocket tlsSocketWithoutCert(InetSocketAddress to) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.resolve("a").resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(to.getHostString(), to.getPort());
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
        return s;
    }
}
