package io.raftkv.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    private static final List<NodeAddress> SEEDS = List.of(NodeAddress.parse("127.0.0.1:7001"));

    @Test
    void when_only_cluster_and_seeds_are_given_then_every_other_field_has_its_named_default() {
        ClientConfig config = ClientConfig.builder("c1", SEEDS).build();

        assertThat(config.requestTimeout()).isEqualTo(ClientConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(config.attemptTimeout()).isEqualTo(ClientConfig.DEFAULT_ATTEMPT_TIMEOUT);
        assertThat(config.minBackoff()).isEqualTo(ClientConfig.DEFAULT_MIN_BACKOFF);
        assertThat(config.maxBackoff()).isEqualTo(ClientConfig.DEFAULT_MAX_BACKOFF);
        assertThat(config.maxInFlightPerConnection()).isEqualTo(ClientConfig.DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION);
        assertThat(config.readConsistency()).isEqualTo(ClientConfig.DEFAULT_READ_CONSISTENCY);
        assertThat(config.ioThreads()).isEqualTo(1);
    }

    @Test
    void when_the_request_timeout_is_lowered_below_the_attempt_timeout_then_the_attempt_timeout_follows() {
        ClientConfig config = ClientConfig.builder("c1", SEEDS).requestTimeout(Duration.ofMillis(500)).build();

        assertThat(config.attemptTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void when_a_value_is_out_of_range_then_build_names_the_field() {
        assertThatThrownBy(() -> ClientConfig.builder("c1", List.of()).build()).hasMessageContaining("seeds");
        assertThatThrownBy(() -> ClientConfig.builder("", SEEDS).build()).hasMessageContaining("clusterId");
        assertThatThrownBy(() -> ClientConfig.builder("c1", SEEDS).requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> ClientConfig.builder("c1", SEEDS).attemptTimeout(Duration.ofMinutes(1)).build())
                .hasMessageContaining("attemptTimeout");
        assertThatThrownBy(() -> ClientConfig.builder("c1", SEEDS)
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build()).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> ClientConfig.builder("c1", SEEDS).maxInFlightPerConnection(0).build())
                .hasMessageContaining("maxInFlightPerConnection");
        assertThatThrownBy(() -> ClientConfig.builder("c1", SEEDS).ioThreads(0).build())
                .hasMessageContaining("ioThreads");
    }
}
