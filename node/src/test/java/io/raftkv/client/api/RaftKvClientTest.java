package io.raftkv.client.api;

import static io.raftkv.client.api.ClientTestSupport.awaitUntil;
import static io.raftkv.client.api.ClientTestSupport.bytes;
import static io.raftkv.client.api.ClientTestSupport.config;
import static io.raftkv.client.api.ClientTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.rpc.ReadConsistency;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import io.raftkv.node.transport.ClientConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client against real transports on 127.0.0.1: multiplexing, leader discovery and redirects. */
class RaftKvClientTest extends ClosingAfterEach {


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

    @Test
    @DisplayName("§6.3 when more writes are made than the nodes remember results for then the rest wait, so every"
            + " retry stays within the remembered window")
    void when_more_writes_than_the_session_window_are_made_then_the_rest_wait_for_a_place() throws Exception {
        FakeNode n1 = node("n1");
        List<FakeNode.Received> held = holdWrites(n1);
        int window = ClientConfig.SESSION_WINDOW;
        RaftKvClient client = client(config(n1).maxWritesInFlight(window).build());
        List<CompletableFuture<Response.WriteResult>> futures = new ArrayList<>();
        for (int i = 0; i < window + 10; i++) {
            futures.add(client.putAsync(bytes("k" + i), bytes("v")));
        }
        awaitUntil("a full window of writes reached the node", () -> held.size() == window);
        assertThat(client.waitingWrites()).isEqualTo(10);

        FakeNode.Received oldest = held.stream()
                .min(java.util.Comparator.comparingLong(r -> sequence(r))).orElseThrow();
        assertThat(sequence(oldest)).isEqualTo(1);
        n1.respond(oldest.connection(), oldest.request(), n1.answer(oldest.request().request()));
        awaitUntil("one more write was sent", () -> held.size() == window + 1);
        assertThat(sequence(held.get(window))).isEqualTo(window + 1);
        for (FakeNode.Received r : new ArrayList<>(held)) {
            if (r != oldest) {
                n1.respond(r.connection(), r.request(), n1.answer(r.request().request()));
            }
        }
        awaitUntil("every write was sent", () -> held.size() == window + 10);
        for (FakeNode.Received r : held.subList(window + 1, window + 10)) {
            n1.respond(r.connection(), r.request(), n1.answer(r.request().request()));
        }

        for (CompletableFuture<Response.WriteResult> f : futures) {
            assertThat(f.get().result().applied()).isTrue();
        }
        assertThat(held).extracting(RaftKvClientTest::sequence).doesNotHaveDuplicates().hasSize(window + 10);
    }

    @Test
    @DisplayName("§6.3 past one session's window the writes spread over more sessions, and a stuck write holds"
            + " back only its own session")
    void when_more_writes_than_one_session_holds_are_in_flight_then_they_use_more_sessions() throws Exception {
        FakeNode n1 = node("n1");
        List<FakeNode.Received> held = holdWrites(n1);
        int window = ClientConfig.SESSION_WINDOW;
        RaftKvClient client = client(config(n1).maxWritesInFlight(2 * window).build());
        assertThat(client.clientIds()).hasSize(2).doesNotHaveDuplicates();
        List<CompletableFuture<Response.WriteResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2 * window + 5; i++) {
            futures.add(client.putAsync(bytes("k" + i), bytes("v")));
        }
        awaitUntil("two full sessions of writes reached the node", () -> held.size() == 2 * window);
        assertThat(client.waitingWrites()).isEqualTo(5);
        for (long id : client.clientIds()) {
            assertThat(held.stream().filter(r -> session(r).clientId() == id).map(r -> session(r).sequence()))
                    .as("session %d", id).containsExactlyInAnyOrderElementsOf(
                            java.util.stream.LongStream.rangeClosed(1, window).boxed().toList());
        }

        // the first write of the first session stays unanswered; every other one is answered
        long stuckSession = client.clientIds().get(0);
        FakeNode.Received stuck = held.stream()
                .filter(r -> session(r).clientId() == stuckSession && session(r).sequence() == 1).findFirst().orElseThrow();
        for (FakeNode.Received r : new ArrayList<>(held)) {
            if (r != stuck) {
                n1.respond(r.connection(), r.request(), n1.answer(r.request().request()));
            }
        }
        awaitUntil("the waiting writes were sent", () -> held.size() == 2 * window + 5);
        // they could not take sequences 65.. of the stuck session: those are past its window
        assertThat(held.subList(2 * window, held.size())).allMatch(r -> session(r).clientId() != stuckSession);
        for (FakeNode.Received r : new ArrayList<>(held.subList(2 * window, held.size()))) {
            n1.respond(r.connection(), r.request(), n1.answer(r.request().request()));
        }
        n1.respond(stuck.connection(), stuck.request(), n1.answer(stuck.request().request()));
        for (CompletableFuture<Response.WriteResult> f : futures) {
            assertThat(f.get().result().applied()).isTrue();
        }
    }

    private static io.raftkv.client.command.Session session(FakeNode.Received r) {
        return ((Request.Write) r.request().request()).command().session();
    }

    /** Makes {@code node} keep every write unanswered and serve the rest; returns the writes held, in arrival order. */
    private static List<FakeNode.Received> holdWrites(FakeNode node) {
        List<FakeNode.Received> held = Collections.synchronizedList(new ArrayList<>());
        node.behaviour = (n, connection, request) -> {
            if (request.request() instanceof Request.Write) {
                held.add(new FakeNode.Received(connection, request, System.nanoTime()));
            } else {
                FakeNode.serve(n, connection, request);
            }
        };
        return held;
    }

    private static long sequence(FakeNode.Received r) {
        return ((Request.Write) r.request().request()).command().session().sequence();
    }

    @Test
    void when_a_value_is_put_then_get_returns_it_with_its_modIndex_and_delete_removes_it() throws Exception {
        FakeNode n1 = node("n1");
        RaftKvClient client = client(config(n1).build());

        Response.WriteResult written = client.put(bytes("k"), bytes("v"));
        Response.GetResult read = client.get(bytes("k"));
        client.delete(bytes("k"));

        assertThat(text(read.value())).isEqualTo("v");
        assertThat(read.modIndex()).isEqualTo(written.index());
        assertThat(client.get(bytes("k")).found()).isFalse();
        assertThat(n1.receivedOf(Request.Write.class)).hasSize(2);
    }

    @Test
    void when_many_requests_are_in_flight_then_one_connection_carries_them_and_answers_in_any_order_reach_their_callers()
            throws Exception {
        FakeNode n1 = node("n1");
        int count = 64;
        List<FakeNode.Received> held = Collections.synchronizedList(new ArrayList<>());
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Get) {
                held.add(new FakeNode.Received(connection, request, System.nanoTime()));
            } else {
                FakeNode.serve(node, connection, request);
            }
        };
        for (int i = 0; i < count; i++) {
            n1.table.put("key" + i, bytes("value" + i));
            n1.modIndexes.put("key" + i, (long) i + 1);
        }
        RaftKvClient client = client(config(n1).build());
        List<CompletableFuture<Response.GetResult>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(client.getAsync(bytes("key" + i)));
        }
        awaitUntil("all " + count + " gets held by the node at once", () -> held.size() == count);

        List<FakeNode.Received> reversed = new ArrayList<>(held);
        Collections.reverse(reversed);
        for (FakeNode.Received r : reversed) {
            n1.respond(r.connection(), r.request(), n1.answer(r.request().request()));
        }

        for (int i = 0; i < count; i++) {
            assertThat(text(futures.get(i).get().value())).isEqualTo("value" + i);
        }
        assertThat(held.stream().map(FakeNode.Received::connection).distinct()).hasSize(1);
        assertThat(client.openConnections()).isEqualTo(1);
    }

    @Test
    @DisplayName("§5.1 when a follower answers NOT_LEADER naming the leader then the client follows the redirect")
    void when_a_follower_redirects_then_the_client_follows_to_the_leader() throws Exception {
        FakeNode n1 = node("n1");
        FakeNode n2 = node("n2");
        // n1 still believes it leads when asked for status, but refuses the write: a deposed leader.
        n1.behaviour = (node, connection, request) -> {
            if (request.request() instanceof Request.Status) {
                FakeNode.serve(node, connection, request);
            } else {
                node.respond(connection, request, io.raftkv.client.rpc.ErrorResponse.notLeader(n2.id,
                        n2.address.toString(), "n1 lost leadership in term 2"));
            }
        };
        RaftKvClient client = client(config(n1).build());

        client.put(bytes("k"), bytes("v"));

        assertThat(n1.receivedOf(Request.Write.class)).hasSize(1);
        assertThat(n2.receivedOf(Request.Write.class)).hasSize(1);
        assertThat(client.believedLeader()).isEqualTo(n2.address);
        assertThat(text(client.get(bytes("k")).value())).isEqualTo("v");
        assertThat(n1.receivedOf(Request.Get.class)).isEmpty();
        assertThat(client.openConnections()).as("one connection per node talked to").isEqualTo(2);
    }

    @Test
    void when_leadership_moves_between_calls_then_the_next_call_is_redirected_to_the_new_leader() throws Exception {
        FakeNode n1 = node("n1");
        FakeNode n2 = node("n2");
        n2.leader = false;
        n2.leaderHint = n1;
        RaftKvClient client = client(config(n1, n2).build());
        client.put(bytes("a"), bytes("1"));

        n1.leader = false;
        n1.leaderHint = n2;
        n2.leader = true;
        client.put(bytes("b"), bytes("2"));

        assertThat(n1.receivedOf(Request.Write.class)).hasSize(2);
        assertThat(n2.receivedOf(Request.Write.class)).hasSize(1);
        assertThat(n2.table).containsKey("b");
        assertThat(client.believedLeader()).isEqualTo(n2.address);
    }

    @Test
    void when_a_seed_is_a_follower_then_its_status_teaches_the_members_and_the_leader() throws Exception {
        FakeNode n1 = node("n1");
        FakeNode n2 = node("n2");
        FakeNode n3 = node("n3");
        n1.leader = false;
        n1.leaderHint = n3;
        n1.otherMembers.addAll(List.of(n2, n3));
        RaftKvClient client = client(config(n1).build());

        client.put(bytes("k"), bytes("v"));

        assertThat(client.knownNodes()).containsExactlyInAnyOrder(n1.address, n2.address, n3.address);
        assertThat(n3.receivedOf(Request.Write.class)).hasSize(1);
        assertThat(n1.receivedOf(Request.Write.class)).isEmpty();
        assertThat(n1.receivedOf(Request.Status.class)).hasSize(1);
    }

    @Test
    void when_the_first_seed_is_down_then_the_client_finds_the_leader_through_another() throws Exception {
        FakeNode down = node("down");
        NodeAddress downAddress = down.address;
        down.close();
        FakeNode n2 = node("n2");
        ClientConfig config = ClientConfig.builder(FakeNode.CLUSTER, List.of(downAddress, n2.address))
                .backoff(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(50))
                .build();
        RaftKvClient client = client(config);

        client.put(bytes("k"), bytes("v"));

        assertThat(n2.receivedOf(Request.Write.class)).hasSize(1);
    }

    @Test
    void when_a_read_is_stale_then_any_node_may_serve_it_without_asking_for_the_leader() throws Exception {
        FakeNode n1 = node("n1");
        n1.table.put("k", bytes("old"));
        n1.modIndexes.put("k", 3L);
        RaftKvClient client = client(config(n1).build());

        Response.GetResult read = client.get(bytes("k"), ReadConsistency.STALE);

        assertThat(text(read.value())).isEqualTo("old");
        assertThat(n1.receivedOf(Request.Status.class)).isEmpty();
    }

    @Test
    void when_a_scan_spans_several_pages_then_scanAll_follows_the_resume_keys_to_the_end() throws Exception {
        FakeNode n1 = node("n1");
        n1.scanPageSize = 3;
        for (int i = 0; i < 10; i++) {
            n1.table.put("user/" + i, bytes("v" + i));
        }
        n1.table.put("other", bytes("x"));
        RaftKvClient client = client(config(n1).build());

        Response.ScanResult first = client.scan(Request.Scan.prefix(bytes("user/"), 100, ReadConsistency.LINEARIZABLE));
        List<io.raftkv.client.rpc.KeyValue> all = client.scanAll(
                Request.Scan.prefix(bytes("user/"), 100, ReadConsistency.LINEARIZABLE));

        assertThat(first.entries()).hasSize(3);
        assertThat(first.hasMore()).isTrue();
        assertThat(all).extracting(kv -> text(kv.key()))
                .containsExactly("user/0", "user/1", "user/2", "user/3", "user/4", "user/5", "user/6", "user/7",
                        "user/8", "user/9");
        assertThat(n1.receivedOf(Request.Scan.class)).hasSize(1 + 4);
    }

    @Test
    void when_writes_follow_each_other_then_each_carries_this_clients_id_and_the_next_sequence() throws Exception {
        FakeNode n1 = node("n1");
        RaftKvClient client = client(config(n1).build());

        client.put(bytes("a"), bytes("1"));
        client.put(bytes("b"), bytes("2"));

        List<Request.Write> writes = n1.receivedOf(Request.Write.class);
        assertThat(writes).extracting(w -> w.command().session().clientId())
                .containsOnly(client.clientId());
        assertThat(writes.get(1).command().session().sequence())
                .isEqualTo(writes.get(0).command().session().sequence() + 1);
        assertThat(client.clientId()).isPositive();
    }

    @Test
    void when_status_is_asked_of_one_node_then_that_node_answers_even_if_it_does_not_lead() throws Exception {
        FakeNode n1 = node("n1");
        FakeNode n2 = node("n2");
        n2.leader = false;
        n2.leaderHint = n1;
        RaftKvClient client = client(config(n1).build());

        var status = client.status(n2.address);

        assertThat(status.nodeId()).isEqualTo("n2");
        assertThat(status.leaderId()).isEqualTo("n1");
        assertThat(n2.connections).hasSize(1);
        assertThat(n2.connections.iterator().next()).isInstanceOf(ClientConnection.class);
    }
}
