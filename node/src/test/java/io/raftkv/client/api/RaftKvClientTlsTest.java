package io.raftkv.client.api;

import static io.raftkv.client.api.ClientTestSupport.bytes;
import static io.raftkv.client.api.ClientTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.server.AdminMain;
import io.raftkv.node.server.RaftServer;
import io.raftkv.node.server.ServerConfig;
import io.raftkv.node.storage.StorageConfig;
import io.raftkv.node.transport.TlsConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Java client against a real one-node cluster with TLS on its port (certificates from bin/make-certs). */
class RaftKvClientTlsTest {

    private static final String CLUSTER = "tls-c1";

    @TempDir
    static Path dir;

    private static RaftServer server;
    private static NodeAddress address;
    private static Path certs;
    private static Path otherCerts;

    @BeforeAll
    static void startTlsNode() throws Exception {
        certs = dir.resolve("certs");
        otherCerts = dir.resolve("other-certs");
        makeCerts(certs, "n1", "client:app");
        makeCerts(otherCerts, "n1", "client:intruder");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", port);
        server = RaftServer.start(ServerConfig.of("n1", CLUSTER, dir.resolve("n1"), Map.of("n1", a), false)
                .withRaft(RaftConfig.defaults("n1").withTicks(10, 1)).withStorage(StorageConfig.forTests()).withAuth(AuthConfig.off())
                .withTickMillis(20)
                .withTls(new TlsConfig(certs.resolve("n1.pem"), certs.resolve("n1.key"), certs.resolve("ca.pem"))));
        address = new NodeAddress("127.0.0.1", server.address().getPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void makeCerts(Path out, String... ids) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolveSibling("bin").resolve("make-certs");
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString(), out.toString()));
        cmd.addAll(List.of(ids));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static ClientConfig.Builder config(ClientTls tls) {
        return ClientConfig.builder(CLUSTER, List.of(address))
                .requestTimeout(Duration.ofSeconds(20))
                .connectTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(200))
                .tls(tls);
    }

    @Test
    void when_the_client_trusts_the_cluster_ca_then_it_writes_and_reads_over_tls() throws Exception {
        try (RaftKvClient client = RaftKvClient.create(config(ClientTls.trustingCa(certs.resolve("ca.pem"))).build())) {
            client.put(bytes("k1"), bytes("v1"));

            assertThat(text(client.get(bytes("k1")).value())).isEqualTo("v1");
        }
    }

    @Test
    void when_the_client_presents_a_certificate_of_the_cluster_ca_then_mutual_tls_works() throws Exception {
        ClientTls tls = ClientTls.trustingCa(certs.resolve("ca.pem"))
                .withClientCertificate(certs.resolve("client-app.pem"), certs.resolve("client-app.key"));
        try (RaftKvClient client = RaftKvClient.create(config(tls).build())) {
            client.put(bytes("k2"), bytes("v2"));

            assertThat(text(client.get(bytes("k2")).value())).isEqualTo("v2");
        }
    }

    @Test
    void when_the_ca_comes_from_a_pkcs12_trust_store_then_the_client_connects() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certs.resolve("ca.pem"))) {
            store.setCertificateEntry("raftkv-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }
        try (RaftKvClient client = RaftKvClient.create(config(ClientTls.trustStore(file, "secret")).build())) {
            client.put(bytes("k3"), bytes("v3"));

            assertThat(text(client.get(bytes("k3")).value())).isEqualTo("v3");
        }
    }

    @Test
    void when_the_client_trusts_another_ca_then_a_read_fails_at_once_with_TlsHandshakeException() throws Exception {
        try (RaftKvClient client = RaftKvClient.create(
                config(ClientTls.trustingCa(otherCerts.resolve("ca.pem"))).build())) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.get(bytes("k1")))
                    .isInstanceOfSatisfying(TlsHandshakeException.class, e -> assertThat(e.node()).isEqualTo(address))
                    .hasMessageContaining("TLS handshake with " + address)
                    .hasMessageContaining(otherCerts.resolve("ca.pem").toString());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        }
    }

    @Test
    void when_the_client_certificate_is_of_another_ca_then_a_write_fails_with_TlsHandshakeException() throws Exception {
        ClientTls tls = ClientTls.trustingCa(certs.resolve("ca.pem"))
                .withClientCertificate(otherCerts.resolve("client-intruder.pem"),
                        otherCerts.resolve("client-intruder.key"));
        try (RaftKvClient client = RaftKvClient.create(config(tls).build())) {
            assertThatThrownBy(() -> client.put(bytes("k9"), bytes("v9")))
                    .isInstanceOf(TlsHandshakeException.class);
        }
    }

    @Test
    void when_a_plaintext_client_dials_a_tls_node_then_the_call_times_out_naming_tls() {
        ClientConfig plain = config(null).requestTimeout(Duration.ofSeconds(2)).build();
        try (RaftKvClient client = RaftKvClient.create(plain)) {
            assertThatThrownBy(() -> client.get(bytes("k1")))
                    .isInstanceOf(RequestTimeoutException.class)
                    .hasMessageContaining("TLS");
        }
    }

    private static int admin(StringWriter out, String... args) {
        CommandLine cmd = new CommandLine(new AdminMain());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        List<String> all = new java.util.ArrayList<>(List.of("--nodes", address.toString(), "--cluster-id", CLUSTER,
                "--timeout-ms", "10000"));
        all.addAll(List.of(args));
        return cmd.execute(all.toArray(String[]::new));
    }

    @Test
    void when_admin_is_given_the_cluster_ca_then_status_over_tls_shows_the_leader() {
        StringWriter out = new StringWriter();

        int code = admin(out, "--tls-ca", certs.resolve("ca.pem").toString(), "status");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("n1").contains("LEADER");
    }

    @Test
    void when_admin_trusts_another_ca_then_it_exits_1_naming_the_tls_failure() {
        StringWriter out = new StringWriter();

        int code = admin(out, "--tls-ca", otherCerts.resolve("ca.pem").toString(), "members");

        assertThat(code).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("TLS handshake with");
    }

    @Test
    void when_admin_gets_a_client_certificate_without_a_ca_then_it_is_a_usage_error() {
        StringWriter out = new StringWriter();

        int code = admin(out, "--tls-cert", certs.resolve("client-app.pem").toString(), "members");

        assertThat(code).as(out.toString()).isEqualTo(2);
        assertThat(out.toString()).contains("--tls-ca");
    }

    @Test
    void when_only_a_client_certificate_without_its_key_is_given_then_the_setting_is_refused() {
        assertThatThrownBy(() -> new ClientTls(certs.resolve("ca.pem"), null, null, certs.resolve("client-app.pem"),
                null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both its certificate and its key");
        assertThatThrownBy(() -> ClientTls.trustingCa(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.pem");
    }
}
