package io.raftkv.client.api;

import static io.raftkv.client.api.ClientTestSupport.bytes;
import static io.raftkv.client.api.ClientTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.KeyValue;
import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.node.auth.AuthConfig;
import io.raftkv.node.auth.BootstrapUser;
import io.raftkv.node.metrics.CounterFamily;
import io.raftkv.node.metrics.Gauge;
import io.raftkv.node.metrics.Metric;
import io.raftkv.node.raft.RaftConfig;
import io.raftkv.node.server.RaftServer;
import io.raftkv.node.server.ServerConfig;
import io.raftkv.node.storage.StorageConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client against a real one-node cluster with authentication on (bootstrap user
 * "admin"), over real sockets: the AUTH step, its refusals, the rate limit and the reserved keys.
 */
class RaftKvClientAuthTest {

    private static final String CLUSTER = "auth-c1";
    private static final String PASSWORD = "s3cret-pw";
    private static final int MAX_FAILURES = 20;

    @TempDir
    static Path dir;

    private static RaftServer server;
    private static NodeAddress address;

    @BeforeAll
    static void startNode() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", port);
        AuthConfig auth = AuthConfig.required().withIterations(1000)
                .withBootstrap(new BootstrapUser("admin", PASSWORD.getBytes(StandardCharsets.UTF_8)))
                .withRateLimit(MAX_FAILURES, Duration.ofMinutes(5), Duration.ofMillis(1), Duration.ofMillis(5));
        server = RaftServer.start(ServerConfig.of("n1", CLUSTER, dir.resolve("n1"), Map.of("n1", a), false)
                .withRaft(RaftConfig.defaults("n1").withTicks(10, 1)).withStorage(StorageConfig.forTests())
                .withTickMillis(20).withAuth(auth));
        address = new NodeAddress("127.0.0.1", server.address().getPort());
        awaitBootstrapUser();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ClientConfig.Builder config() {
        return ClientConfig.builder(CLUSTER, List.of(address))
                .requestTimeout(Duration.ofSeconds(20))
                .connectTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(200));
    }

    /**
     * Waits until the bootstrap user can log in: the node must lead, propose and apply it. Polls
     * every 100 ms, so it fails far fewer than {@link #MAX_FAILURES} times before the user exists.
     */
    private static void awaitBootstrapUser() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (RaftKvClient client = admin()) {
                client.status();
                return;
            } catch (AuthenticationException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static RaftKvClient admin() {
        return RaftKvClient.create(config().credentials("admin", PASSWORD).build());
    }

    private static double commitIndex() {
        for (Metric m : server.metricsRegistry().metrics()) {
            if (m instanceof Gauge g && g.name().equals("raftkv_commit_index")) {
                return g.value();
            }
        }
        throw new AssertionError("no raftkv_commit_index gauge");
    }

    private static long authCount(String outcome) {
        for (Metric m : server.metricsRegistry().metrics()) {
            if (m instanceof CounterFamily f && f.name().equals("raftkv_client_auth_total")) {
                return f.values().getOrDefault(outcome, 0L);
            }
        }
        throw new AssertionError("no raftkv_client_auth_total counter");
    }

    @Test
    void when_the_password_is_right_then_the_client_writes_and_reads() throws Exception {
        try (RaftKvClient client = admin()) {
            client.put(bytes("k1"), bytes("v1"));

            assertThat(text(client.get(bytes("k1")).value())).isEqualTo("v1");
        }
        assertThat(authCount("accepted")).isPositive();
    }

    @Test
    void when_the_password_is_wrong_then_the_client_gets_an_authentication_error_and_no_raft_work_is_done()
            throws Exception {
        try (RaftKvClient ok = admin()) {
            ok.put(bytes("before"), bytes("x"));
        }
        double commitBefore = commitIndex();
        long failuresBefore = authCount("wrong_credentials");
        try (RaftKvClient client = RaftKvClient.create(config().credentials("admin", "wrong-password").build())) {
            assertThatThrownBy(() -> client.put(bytes("k2"), bytes("v2")))
                    .isInstanceOfSatisfying(AuthenticationException.class,
                            e -> assertThat(e.outcome()).isEqualTo(AuthOutcome.REFUSED_CREDENTIALS))
                    .hasMessageContaining("unknown user or wrong password");
        }
        assertThat(commitIndex()).isEqualTo(commitBefore);
        assertThat(authCount("wrong_credentials")).isEqualTo(failuresBefore + 1);
    }

    @Test
    void when_the_user_is_unknown_then_it_is_refused_like_a_wrong_password() throws Exception {
        try (RaftKvClient client = RaftKvClient.create(config().credentials("nobody", PASSWORD).build())) {
            assertThatThrownBy(client::status).isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.outcome()).isEqualTo(AuthOutcome.REFUSED_CREDENTIALS));
        }
    }

    @Test
    void when_no_credentials_are_given_then_a_node_with_authentication_on_refuses_the_client() throws Exception {
        try (RaftKvClient client = RaftKvClient.create(config().build())) {
            assertThatThrownBy(() -> client.get(bytes("k1"))).isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.outcome()).isEqualTo(AuthOutcome.REFUSED_NO_CREDENTIALS))
                    .hasMessageContaining("requires a user and password");
        }
    }

    @Test
    void when_a_user_fails_too_often_then_attempts_are_refused_as_too_many_even_with_the_right_password()
            throws Exception {
        // "victim" does not exist: MAX_FAILURES failures (the configured limit), then the distinct refusal.
        for (int i = 0; i < MAX_FAILURES; i++) {
            try (RaftKvClient client = RaftKvClient.create(config().credentials("victim", "guess" + i).build())) {
                assertThatThrownBy(client::status).isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.outcome()).isEqualTo(AuthOutcome.REFUSED_CREDENTIALS));
            }
        }
        try (RaftKvClient client = RaftKvClient.create(config().credentials("victim", "guess-4").build())) {
            assertThatThrownBy(client::status).isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.outcome()).isEqualTo(AuthOutcome.REFUSED_TOO_MANY_ATTEMPTS))
                    .hasMessageContaining("too many failed logins");
        }
        assertThat(authCount("too_many_attempts")).isPositive();
        try (RaftKvClient other = admin()) {
            assertThat(other.status()).isNotNull(); // the limit is per user and address, not per node
        }
    }

    @Test
    void when_a_client_writes_a_reserved_key_then_it_is_refused_as_a_bad_request_naming_the_rule() throws Exception {
        try (RaftKvClient client = admin()) {
            byte[] reserved = "\0raftkv/user/mallory".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> client.put(reserved, bytes("x")))
                    .isInstanceOfSatisfying(RequestFailedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                    .hasMessageContaining("reserved");
            assertThatThrownBy(() -> client.delete("\0raftkv/user/admin".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(RequestFailedException.class).hasMessageContaining("reserved");
        }
    }

    @Test
    void when_a_client_reads_or_scans_the_reserved_range_then_it_sees_no_hash_and_no_member_address()
            throws Exception {
        try (RaftKvClient client = admin()) {
            client.put(bytes("\0a-user-key"), bytes("visible"));
            client.put(bytes("zz"), bytes("visible"));

            assertThat(client.get("\0raftkv/user/admin".getBytes(StandardCharsets.UTF_8)).value()).isNull();
            List<KeyValue> all = client.scanAll(Request.Scan.range(new byte[0], null, 1,
                    ReadConsistency.LINEARIZABLE));
            assertThat(all).extracting(kv -> new String(kv.key(), StandardCharsets.UTF_8))
                    .contains("\0a-user-key", "zz").noneMatch(k -> k.startsWith("\0raftkv/"));
            assertThat(client.scanAll(Request.Scan.prefix("\0raftkv/".getBytes(StandardCharsets.UTF_8), 10,
                    ReadConsistency.STALE))).isEmpty();
        }
    }
}
