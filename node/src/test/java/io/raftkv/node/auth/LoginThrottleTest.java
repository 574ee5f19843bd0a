package io.raftkv.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AuthConfig config = AuthConfig.required().withRateLimit(3, Duration.ofMinutes(1),
            Duration.ofMillis(100), Duration.ofMillis(250));
    private final LoginThrottle throttle = new LoginThrottle(config, now::get);
    private final String key = LoginThrottle.key("10.0.0.1", "ann");

    private Duration fail() {
        assertThat(throttle.tryBegin(key)).isTrue();
        return throttle.failed(key);
    }

    @Test
    void when_failures_repeat_then_the_refusal_delay_doubles_up_to_the_cap() {
        assertThat(fail()).isEqualTo(Duration.ofMillis(100));
        assertThat(fail()).isEqualTo(Duration.ofMillis(200));
        assertThat(fail()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void when_max_failures_are_reached_within_the_window_then_attempts_are_refused_without_a_check() {
        fail();
        fail();
        fail();

        assertThat(throttle.tryBegin(key)).isFalse();
        assertThat(throttle.tryBegin(LoginThrottle.key("10.0.0.1", "bob"))).isTrue();
        assertThat(throttle.tryBegin(LoginThrottle.key("10.0.0.2", "ann"))).isTrue();
    }

    @Test
    void when_the_window_passes_then_the_failures_are_forgotten() {
        fail();
        fail();
        fail();

        now.addAndGet(Duration.ofMinutes(1).plusSeconds(1).toNanos());

        assertThat(throttle.tryBegin(key)).isTrue();
        assertThat(throttle.failed(key)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void when_a_login_succeeds_then_earlier_failures_are_forgotten() {
        fail();
        fail();
        assertThat(throttle.tryBegin(key)).isTrue();

        throttle.succeeded(key);

        assertThat(throttle.failures(key)).isZero();
        assertThat(fail()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void when_guesses_run_in_parallel_then_checks_in_progress_count_against_the_limit() {
        assertThat(throttle.tryBegin(key)).isTrue();
        assertThat(throttle.tryBegin(key)).isTrue();
        assertThat(throttle.tryBegin(key)).isTrue();

        assertThat(throttle.tryBegin(key)).isFalse();
    }

    @Test
    void when_an_attempt_is_abandoned_then_it_counts_as_nothing() {
        assertThat(throttle.tryBegin(key)).isTrue();
        throttle.abandoned(key);

        assertThat(throttle.failures(key)).isZero();
        assertThat(throttle.tryBegin(key)).isTrue();
        assertThat(throttle.tryBegin(key)).isTrue();
        assertThat(throttle.tryBegin(key)).isTrue();
    }
}
