package io.raftkv.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class HandshakeTest {

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(60);
    }

    @Property(tries = 300)
    void handshake_round_trips(@ForAll("ids") String cluster, @ForAll("ids") String sender,
            @ForAll Role role, @ForAll @IntRange(max = 65535) int version) throws ProtocolException {
        Handshake h = new Handshake(cluster, sender, role, version);
        assertThat(Handshake.decode(h.encode())).isEqualTo(h);
    }

    @Property(tries = 300)
    void reply_round_trips(@ForAll HandshakeOutcome outcome, @ForAll("ids") String node,
            @ForAll @StringLength(max = 200) String detail) throws ProtocolException {
        HandshakeReply r = new HandshakeReply(outcome, node, FrameHeader.CURRENT_VERSION, detail);
        assertThat(HandshakeReply.decode(r.encode())).isEqualTo(r);
    }

    @Property(tries = 2000)
    void arbitrary_bytes_are_either_a_handshake_or_a_typed_rejection(@ForAll @Size(max = 64) byte[] body) {
        try {
            Handshake h = Handshake.decode(body);
            assertThat(h.encode()).isEqualTo(body);
        } catch (ProtocolException e) {
            assertThat(e.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY);
        }
        try {
            HandshakeReply.decode(body);
        } catch (ProtocolException e) {
            assertThat(e.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY);
        }
    }

    @Property(tries = 500)
    void every_prefix_of_a_handshake_is_rejected_as_malformed(@ForAll("ids") String sender) {
        byte[] body = Handshake.current("cluster", sender, Role.CLIENT).encode();
        for (int cut = 0; cut < body.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(body, cut);
            assertThatThrownBy(() -> Handshake.decode(prefix)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("Handshake");
        }
    }

    @Property(tries = 200)
    void a_byte_array_length_beyond_the_input_allocates_nothing_and_is_malformed(
            @ForAll @IntRange(min = 9, max = Integer.MAX_VALUE) int claimed) {
        byte[] body = new WireWriter(8).writeInt(claimed).writeU8(1).toByteArray();
        assertThatThrownBy(() -> new WireReader(body, "Test").readBytes("payload", Integer.MAX_VALUE))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("payload");
    }

    @org.junit.jupiter.api.Test
    void when_an_id_is_empty_or_too_long_then_construction_names_the_field() {
        assertThatThrownBy(() -> Handshake.current("", "n1", Role.PEER)).hasMessageContaining("clusterId");
        assertThatThrownBy(() -> Handshake.current("c", "x".repeat(256), Role.PEER)).hasMessageContaining("senderId");
    }
}
