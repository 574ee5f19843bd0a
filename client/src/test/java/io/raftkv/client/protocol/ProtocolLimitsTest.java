package io.raftkv.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolLimitsTest {

    @Test
    void when_defaults_are_used_then_they_match_the_design_limits() {
        ProtocolLimits d = ProtocolLimits.DEFAULTS;
        assertThat(d.maxFrameBytes()).isEqualTo(16 << 20);
        assertThat(d.maxPreHandshakeFrameBytes()).isEqualTo(64 << 10);
        assertThat(d.maxKeyBytes()).isEqualTo(4 << 10);
        assertThat(d.maxValueBytes()).isEqualTo(1 << 20);
    }

    @Test
    void when_a_value_is_not_positive_then_the_field_is_named() {
        assertThatThrownBy(() -> ProtocolLimits.DEFAULTS.withMaxConnectionsPerNode(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnectionsPerNode");
        assertThatThrownBy(() -> ProtocolLimits.DEFAULTS.withMaxRequestsInFlightPerConnection(-1))
                .hasMessageContaining("maxRequestsInFlightPerConnection");
    }

    @Test
    void when_the_pre_handshake_limit_exceeds_the_frame_limit_then_it_is_refused() {
        assertThatThrownBy(() -> ProtocolLimits.DEFAULTS.withMaxPreHandshakeFrameBytes(32 << 20))
                .hasMessageContaining("maxPreHandshakeFrameBytes").hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> ProtocolLimits.DEFAULTS.withMaxPreHandshakeFrameBytes(100))
                .hasMessageContaining("fit a handshake");
    }

    @Test
    void when_a_maximal_key_and_value_cannot_fit_a_frame_then_it_is_refused() {
        assertThatThrownBy(() -> ProtocolLimits.DEFAULTS.withMaxValueBytes(16 << 20))
                .hasMessageContaining("maxValueBytes");
    }
}
