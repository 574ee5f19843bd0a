package io.raftkv.chaos.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounded CI run of the live and SQL targets against real in-process nodes: mutated frames
 * over real sockets as client and as peer, then generated and mutated SQL through the driver.
 * The nodes must keep serving with no unexpected log line; SQL failures must be SQLExceptions
 * with a SQLState that wrote nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFuzzTest {

    static final long RUN_SEED = 20_261_126L;
    LiveTarget live;

    @BeforeAll
    void start() {
        live = new LiveTarget(false);
    }

    @AfterAll
    void stop() {
        live.close();
    }

    @Test
    void when_mutated_frames_hit_a_node_as_client_and_peer_then_it_keeps_serving() throws Exception {
        FuzzRun.Tally tally = FuzzRun.run(List.of(live), RUN_SEED, Long.MAX_VALUE, 2_000).get(0);
        assertThat(tally.firstFailures()).isEmpty();
        assertThat(tally.tries()).isEqualTo(2_000);
        live.check(-1);
        assertThat(live.logLines()).as("the node logged its refusals").isPositive();
    }

    @Test
    void when_mutated_sql_runs_through_the_driver_then_every_failure_is_a_typed_sqlexception() throws Exception {
        try (SqlTarget sql = new SqlTarget(live.jdbcUrl())) {
            FuzzRun.Tally tally = FuzzRun.run(List.of(sql), RUN_SEED, Long.MAX_VALUE, 150).get(0);
            assertThat(tally.firstFailures()).isEmpty();
            assertThat(sql.outcomes()).containsKey("ok").containsKey("42000");
        }
        live.check(-1);
    }
}
