package io.raftkv.client.api;

import static io.raftkv.client.api.ClientTestSupport.awaitUntil;
import static io.raftkv.client.api.ClientTestSupport.bytes;
import static io.raftkv.client.api.ClientTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.rpc.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node holding maxConnectionsPerNode connections refuses the next client's handshake: the
 * client retries (another node, or this one once a connection closes may accept), and a call
 * whose every try was refused says so in its {@link RequestTimeoutException}.
 */
class RaftKvClientConnectionLimitTest extends ClosingAfterEach {

    /** Two, not one: a node closes connections past twice the limit at accept, without a refusal to read. */
    private static final int LIMIT = 2;


    /** A node with every one of its {@link #LIMIT} connection slots taken by a client of its own. */
    private FakeNode fullNode(List<RaftKvClient> fillers) throws Exception {
        FakeNode node = closing(new FakeNode("n1", Duration.ofSeconds(3),
                ProtocolLimits.DEFAULTS.withMaxConnectionsPerNode(LIMIT)));
        for (int i = 0; i < LIMIT; i++) {
            RaftKvClient filler = closing(RaftKvClient.create(config(node).build()));
            filler.get(bytes("k"));
            fillers.add(filler);
        }
        return node;
    }

    @Test
    void when_every_try_is_refused_for_the_connection_limit_then_the_timeout_says_so_naming_the_limit()
            throws Exception {
        FakeNode node = fullNode(new ArrayList<>());
        RaftKvClient client = closing(RaftKvClient.create(config(node).requestTimeout(Duration.ofMillis(500)).build()));

        assertThatThrownBy(() -> client.get(bytes("k")))
                .isInstanceOfSatisfying(RequestTimeoutException.class, e -> {
                    assertThat(e.refusedForConnectionLimit()).isTrue();
                    assertThat(e.getCause()).isInstanceOfSatisfying(ConnectionLostException.class,
                            lost -> assertThat(lost.refusal()).isEqualTo(HandshakeOutcome.REFUSED_CONNECTION_LIMIT));
                })
                .hasMessageContaining("REFUSED_CONNECTION_LIMIT")
                .hasMessageContaining("maxConnectionsPerNode")
                .hasMessageContaining("nothing was written");
        assertThat(node.transport.metrics().handshakes(HandshakeOutcome.REFUSED_CONNECTION_LIMIT))
                .as("refusals: the client retried").isGreaterThan(1);
    }

    @Test
    void when_a_full_node_frees_a_slot_then_the_retried_call_succeeds() throws Exception {
        List<RaftKvClient> fillers = new ArrayList<>();
        FakeNode node = fullNode(fillers);
        RaftKvClient client = closing(RaftKvClient.create(config(node).requestTimeout(Duration.ofSeconds(10)).build()));
        CompletableFuture<Response.GetResult> get = client.getAsync(bytes("k"));
        awaitUntil("a refusal", () -> node.transport.metrics().handshakes(HandshakeOutcome.REFUSED_CONNECTION_LIMIT) > 0);

        fillers.get(0).close();

        assertThat(get.get(10, TimeUnit.SECONDS).found()).isFalse();
    }

    @Test
    void when_a_call_times_out_for_another_reason_then_it_was_not_refused_for_the_connection_limit() throws Exception {
        FakeNode gone = closing(new FakeNode("gone"));
        gone.close();
        RaftKvClient client = closing(RaftKvClient.create(config(gone).requestTimeout(Duration.ofMillis(300)).build()));

        assertThatThrownBy(() -> client.get(bytes("k"))).isInstanceOfSatisfying(RequestTimeoutException.class,
                e -> assertThat(e.refusedForConnectionLimit()).isFalse());
    }
}
