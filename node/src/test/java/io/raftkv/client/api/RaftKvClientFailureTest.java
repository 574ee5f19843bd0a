package io.raftkv.client.api;

import static io.raftkv.client.api.ClientTestSupport.awaitUntil;
import static io.raftkv.client.api.ClientTestSupport.bytes;
import static io.raftkv.client.api.ClientTestSupport.clientThreads;
import static io.raftkv.client.api.ClientTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.command.Session;
import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.rpc.ErrorCode;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client's retries, deadlines, unknown outcomes and shutdown, against real transports on 127.0.0.1. */
class RaftKvClientFailureTest extends ClosingAfterEach {


    private FakeNode node(String id) throws Exception {
        FakeNode node = new FakeNode(id);
        closing(node);
        return node;
    }

    private RaftKvClient client(ClientConfig config) {
        RaftKvClient client = RaftKvClient.create(config);
        closing(client);
        return client;
    }

    /** Answers writes with the given errors in turn, then serves them. */
    private static FakeNode.Behaviour failWritesWith(ErrorResponse... errors) {
        AtomicInteger writes = new AtomicInteger();
        return (node, connection, request) -> {
            if (request.request() instanceof Request.Write) {
                int n = writes.getAndIncrement();
                if (n < errors.length) {
                    node.respond(connection, request, errors[n]);
                    return;
                }
            }
            FakeNode.serve(node, connection, request);
        };
    }

    @Test
    @DisplayName("§6.3 when a write is retried after OVERLOADED and OUTCOME_UNKNOWN then every try carries the same"
            + " session and the waits grow")
    void when_a_write_is_retried_then_it_keeps_its_session_and_backs_off_exponentially() throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = failWritesWith(
                ErrorResponse.overloaded("maxPendingProposals", "proposal queue full"),
                ErrorResponse.overloaded("maxPendingProposals", "proposal queue full"),
                ErrorResponse.outcomeUnknown("n1 lost leadership after proposing at index 7"));
        long minBackoffMs = 40;
        RaftKvClient client = client(config(n1)
                .backoff(Duration.ofMillis(minBackoffMs), Duration.ofSeconds(1))
                .build());

        Response.WriteResult result = client.put(bytes("k"), bytes("v"));

        assertThat(result.result().applied()).isTrue();
        List<Request.Write> tries = n1.receivedOf(Request.Write.class);
        assertThat(tries).hasSize(4);
        Session first = tries.get(0).command().session();
        assertThat(tries).extracting(w -> w.command().session()).containsOnly(first);
        List<Long> arrivals = n1.arrivalsOf(Request.Write.class);
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1));
            // try i waits a random time in [d/2, d] with d = min * 2^(i-1); after OUTCOME_UNKNOWN the
            // client also forgets the leader and asks for status first, which only adds time.
            assertThat(gapMs).as("wait before try %d", i).isGreaterThanOrEqualTo((minBackoffMs << (i - 1)) / 2);
        }
    }

    @Test
    void when_a_node_answers_LIMIT_EXCEEDED_then_the_call_fails_at_once_naming_the_limit() throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = failWritesWith(ErrorResponse.limitExceeded("maxValueBytes", "value is 2000000 bytes"));
        RaftKvClient client = client(config(n1).build());

        assertThatThrownBy(() -> client.put(bytes("k"), bytes("v")))
                .isInstanceOfSatisfying(RequestFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(e.limitName()).isEqualTo("maxValueBytes");
                });
        assertThat(n1.receivedOf(Request.Write.class)).hasSize(1);
    }

    @Test
    void when_a_key_is_over_the_client_limit_then_nothing_is_sent() throws Exception {
        FakeNode n1 = node("n1");
        RaftKvClient client = client(config(n1).build());

        assertThatThrownBy(() -> client.put(new byte[5000], bytes("v")))
                .isInstanceOfSatisfying(RequestFailedException.class,
                        e -> assertThat(e.limitName()).isEqualTo("maxKeyBytes"));
        assertThat(n1.received).isEmpty();
    }

    @Test
    void when_no_answer_comes_before_the_deadline_then_a_read_fails_with_RequestTimeoutException() throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            }
            // Gets are never answered.
        };
        RaftKvClient client = client(config(n1)
                .requestTimeout(Duration.ofMillis(1000))
                .attemptTimeout(Duration.ofMillis(200))
                .build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.get(bytes("k")))
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("requestTimeout 1000 ms")
                .hasMessageContaining("did not answer");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMs).isBetween(1000L, 5000L);
        assertThat(n1.receivedOf(Request.Get.class)).isNotEmpty();
    }

    @Test
    void when_a_write_gets_no_answer_before_the_deadline_then_it_fails_with_OutcomeUnknownException()
            throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            }
        };
        RaftKvClient client = client(config(n1)
                .requestTimeout(Duration.ofMillis(1500))
                .attemptTimeout(Duration.ofMillis(300))
                .build());

        assertThatThrownBy(() -> client.put(bytes("k"), bytes("v")))
                .isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("applied at most once");
        assertThat(n1.receivedOf(Request.Write.class)).isNotEmpty();
    }

    @Test
    void when_the_connection_breaks_after_a_write_is_sent_then_the_write_fails_with_OutcomeUnknownException()
            throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            } else {
                connection.close();
            }
        };
        RaftKvClient client = client(config(n1)
                .requestTimeout(Duration.ofMillis(1500))
                .build());

        assertThatThrownBy(() -> client.put(bytes("k"), bytes("v")))
                .isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("lost with the request sent");
        List<Request.Write> tries = n1.receivedOf(Request.Write.class);
        assertThat(tries).hasSizeGreaterThanOrEqualTo(2);
        assertThat(tries).extracting(w -> w.command().session()).containsOnly(tries.get(0).command().session());
    }

    @Test
    void when_the_connection_breaks_after_a_read_is_sent_then_the_read_fails_with_RequestTimeoutException()
            throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            } else {
                connection.close();
            }
        };
        RaftKvClient client = client(config(n1).requestTimeout(Duration.ofMillis(1000)).build());

        assertThatThrownBy(() -> client.get(bytes("k"))).isInstanceOf(RequestTimeoutException.class);
        assertThat(n1.receivedOf(Request.Get.class)).isNotEmpty();
    }

    @Test
    void when_no_node_is_reachable_then_a_write_fails_with_RequestTimeoutException_because_nothing_was_sent()
            throws Exception {
        FakeNode gone = node("gone");
        gone.close();
        RaftKvClient client = client(config(gone).requestTimeout(Duration.ofMillis(1000)).build());

        assertThatThrownBy(() -> client.put(bytes("k"), bytes("v")))
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("cannot connect");
    }

    @Test
    void when_a_node_accepts_tcp_but_never_answers_the_handshake_then_the_deadline_still_holds_and_nothing_was_sent()
            throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            // Never accepted: the kernel completes the TCP handshake from the backlog, nobody answers.
            RaftKvClient client = client(ClientConfig.builder(FakeNode.CLUSTER,
                            List.of(new NodeAddress("127.0.0.1", silent.getLocalPort())))
                    .requestTimeout(Duration.ofMillis(500))
                    .connectTimeout(Duration.ofSeconds(20))
                    .build());
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.put(bytes("k"), bytes("v")))
                    .isInstanceOf(RequestTimeoutException.class)
                    .hasMessageContaining("was not reachable");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        }
    }

    @Test
    void when_the_cluster_id_is_wrong_then_the_call_fails_at_once_with_HandshakeRefusedException() throws Exception {
        FakeNode n1 = node("n1");
        RaftKvClient client = client(ClientConfig.builder("another-cluster", List.of(n1.address)).build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.get(bytes("k")))
                .isInstanceOfSatisfying(HandshakeRefusedException.class,
                        e -> assertThat(e.outcome()).isEqualTo(HandshakeOutcome.REFUSED_CLUSTER_ID));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    }

    @Test
    void when_the_client_is_closed_then_calls_in_flight_fail_and_no_client_thread_remains() throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            }
        };
        RaftKvClient client = RaftKvClient.create(config(n1).build());
        CompletableFuture<Response.GetResult> pending = client.getAsync(bytes("k"));
        awaitUntil("the get reached the node", () -> !n1.receivedOf(Request.Get.class).isEmpty());
        assertThat(clientThreads()).isNotEmpty();

        client.close();

        assertThatThrownBy(pending::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ClientClosedException.class);
        assertThat(clientThreads()).isEmpty();
        awaitUntil("the node saw the connection close", () -> n1.disconnected.size() == 1);
        assertThatThrownBy(() -> client.get(bytes("k"))).isInstanceOf(ClientClosedException.class);
        client.close();
    }

    @Test
    void when_a_returned_future_is_cancelled_then_the_call_stops_retrying() throws Exception {
        FakeNode n1 = node("n1");
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            } else {
                node.respond(connection, request, ErrorResponse.overloaded("maxPendingReads", "busy"));
            }
        };
        RaftKvClient client = client(config(n1).backoff(Duration.ofMillis(20), Duration.ofMillis(20)).build());
        CompletableFuture<io.raftkv.client.rpc.ClusterStatus> status = client.statusAsync(n1.address);
        CompletableFuture<Response.GetResult> get = client.getAsync(bytes("k"));
        awaitUntil("the get was tried twice", () -> n1.receivedOf(Request.Get.class).size() >= 2);
        status.get();

        get.cancel(false);

        awaitUntil("no call in progress", () -> client.activeCalls() == 0);
        assertThat(get).isCancelled();
    }

    @Test
    void when_a_connection_is_idle_longer_than_the_nodes_idle_timeout_then_pings_keep_it_open() throws Exception {
        FakeNode n1 = new FakeNode("n1", Duration.ofMillis(1000));
        closing(n1);
        RaftKvClient client = client(config(n1).pingInterval(Duration.ofMillis(50)).build());
        client.get(bytes("k"));
        long quietUntil = System.nanoTime() + Duration.ofMillis(2500).toNanos();

        // Two and a half idle timeouts without a request: only the client's pings cross the connection.
        awaitUntil("2.5 idle timeouts passed", () -> System.nanoTime() > quietUntil || !n1.disconnected.isEmpty());

        assertThat(n1.disconnected).isEmpty();
        client.get(bytes("k"));
        assertThat(n1.connections).hasSize(1);
    }
}
