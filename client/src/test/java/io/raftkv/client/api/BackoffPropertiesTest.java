package io.raftkv.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BackoffPropertiesTest {

    @Property
    void when_try_n_backs_off_then_it_waits_between_half_and_all_of_min_times_two_to_the_n_capped_at_max(
            @ForAll @LongRange(min = 1, max = 1_000) long minMs, @ForAll @LongRange(min = 0, max = 10_000) long extraMs,
            @ForAll @IntRange(min = 0, max = 100) int attempt) {
        Backoff backoff = new Backoff(Duration.ofMillis(minMs), Duration.ofMillis(minMs + extraMs));
        long cap = Duration.ofMillis(minMs + extraMs).toNanos();
        long d = attempt >= 40 ? cap : Math.min(cap, Duration.ofMillis(minMs).toNanos() << Math.min(attempt, 20));

        long delay = backoff.delayNanos(attempt);

        assertThat(delay).isBetween(d / 2, d);
    }
}
