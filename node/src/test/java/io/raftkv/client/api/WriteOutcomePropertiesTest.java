package io.raftkv.client.api;

import static io.raftkv.client.api.ClientTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.command.Session;
import io.raftkv.client.rpc.ErrorResponse;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a leader does with the tries of one write, the client reports a safe outcome:
 * success with one session for every try; OutcomeUnknownException whenever some try may have
 * been applied; RequestTimeoutException when none was, unless the last refusal was not back
 * by the deadline (thesis §6.3: a retried write keeps its session so it applies at most once).
 */
class WriteOutcomePropertiesTest {

    /** What the node does with one try of the write. */
    enum Step {
        OVERLOADED(false), NOT_LEADER(false), TIMEOUT(true), OUTCOME_UNKNOWN(true), CLOSE_CONNECTION(true),
        NO_ANSWER(true);

        /** True if the try reached a leader that may apply it. */
        final boolean mayApply;

        Step(boolean mayApply) {
            this.mayApply = mayApply;
        }
    }

    private static FakeNode node;

    @BeforeContainer
    static void startNode() throws Exception {
        node = new FakeNode("n1");
    }

    @AfterContainer
    static void stopNode() {
        node.close();
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        return Arbitraries.of(Step.class).list().ofMaxSize(4);
    }

    @Property(tries = 15)
    void when_tries_fail_in_any_order_then_the_outcome_says_whether_the_write_may_have_applied(
            @ForAll("scripts") List<Step> script, @ForAll boolean servedAtLast) throws Exception {
        List<Step> applied = new CopyOnWriteArrayList<>();
        List<Session> sessions = new CopyOnWriteArrayList<>();
        AtomicInteger served = new AtomicInteger();
        node.behaviour = (n, connection, request) -> {
            if (!(request.request() instanceof Request.Write write)) {
                FakeNode.serve(n, connection, request);
                return;
            }
            sessions.add(write.command().session());
            int i = applied.size();
            if (i >= script.size()) {
                if (servedAtLast) {
                    served.incrementAndGet();
                    FakeNode.serve(n, connection, request);
                } else {
                    n.respond(connection, request, ErrorResponse.overloaded("maxPendingProposals", "busy"));
                }
                return;
            }
            Step step = script.get(i);
            applied.add(step);
            switch (step) {
                case OVERLOADED -> n.respond(connection, request, ErrorResponse.overloaded("maxPendingProposals", "busy"));
                case NOT_LEADER -> n.respond(connection, request, ErrorResponse.notLeader("", "", "election under way"));
                case TIMEOUT -> n.respond(connection, request, ErrorResponse.timeout("not committed in time"));
                case OUTCOME_UNKNOWN -> n.respond(connection, request, ErrorResponse.outcomeUnknown("leadership lost"));
                case CLOSE_CONNECTION -> connection.close();
                case NO_ANSWER -> {
                }
            }
        };
        ClientConfig config = ClientConfig.builder(FakeNode.CLUSTER, List.of(node.address))
                .requestTimeout(Duration.ofMillis(servedAtLast ? 5000 : 1500))
                .attemptTimeout(Duration.ofMillis(150))
                .backoff(Duration.ofMillis(2), Duration.ofMillis(20))
                .build();
        try (RaftKvClient client = RaftKvClient.create(config)) {
            warmUp(client);
            try {
                Response.WriteResult result = client.putAsync(bytes("k"), bytes("v")).get();
                assertThat(result.result().applied()).isTrue();
                assertThat(served.get()).isEqualTo(1);
            } catch (ExecutionException e) {
                boolean mayHaveApplied = applied.stream().anyMatch(s -> s.mayApply);
                if (mayHaveApplied) {
                    // Safety: never "nothing was written" when a try may have applied.
                    assertThat(e.getCause()).isInstanceOf(OutcomeUnknownException.class);
                } else if (e.getCause() instanceof OutcomeUnknownException unknown) {
                    // Imprecise but safe: the node refused, but its answer was not back by the deadline.
                    assertThat(unknown).hasMessageContaining("did not answer");
                } else {
                    assertThat(e.getCause()).isInstanceOf(RequestTimeoutException.class);
                }
                assertThat(served.get()).as("a served write must not be reported as failed").isZero();
            }
        }
        assertThat(sessions).as("every try of one write carries the same session")
                .allMatch(session -> session.equals(sessions.get(0)));
    }

    /** Connects and finds the leader first, so the write's time goes to its own tries (a loaded machine may need several calls). */
    private static void warmUp(RaftKvClient client) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            try {
                client.status();
                return;
            } catch (RequestTimeoutException e) {
                // The first connection of a cold JVM on a busy machine can take longer than one call.
            }
        }
        throw new AssertionError("no status answer from " + node.address + " in 20 calls");
    }
}
