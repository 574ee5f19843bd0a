package io.raftkv.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static final Duration EVERY = Duration.ofMillis(5);

    @Test
    void when_the_probe_turns_ready_then_await_returns_after_checking_liveness_before_each_poll() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();

        Readiness.await(Duration.ofSeconds(10), EVERY, checks::incrementAndGet, () -> {
            if (polls.incrementAndGet() < 3) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        });

        assertThat(polls).hasValue(3);
        assertThat(checks).hasValue(3);
    }

    @Test
    void when_a_process_died_then_its_check_fails_the_wait_at_once() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> Readiness.await(Duration.ofSeconds(10), EVERY, () -> {
            throw new IllegalStateException("n1 exited with code 1");
        }, () -> polls.incrementAndGet() > 100)).hasMessage("n1 exited with code 1");
        assertThat(polls).hasValue(0);
    }

    @Test
    void when_never_ready_then_the_timeout_names_the_probes_last_failure() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> Readiness.await(Duration.ofMillis(100), EVERY, () -> { }, () -> {
            if (polls.incrementAndGet() == 1) {
                throw new IllegalStateException("no leader known");
            }
            return false;
        })).isInstanceOfSatisfying(Readiness.NotReadyException.class, e -> {
            assertThat(e.lastFailure()).isEqualTo("java.lang.IllegalStateException: no leader known");
            assertThat(e).hasMessageContaining("not ready within 0 s");
        });
    }
}
