package io.raftkv.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.WireWriter;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ResponseCodecPropertiesTest {

    @Provide
    Arbitrary<ClientResponse> responses() {
        return RpcArbitraries.clientResponses();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    }

    @Property
    void when_a_response_is_encoded_then_decoding_gives_it_back(@ForAll("responses") ClientResponse response)
            throws ProtocolException {
        assertThat(ResponseCodec.decode(ResponseCodec.encode(response))).isEqualTo(response);
    }

    @Property
    void when_an_encoding_is_truncated_then_decode_throws_MALFORMED_BODY(
            @ForAll("responses") ClientResponse response, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        byte[] full = ResponseCodec.encode(response);
        byte[] truncated = Arrays.copyOf(full, cut % full.length);
        assertThatThrownBy(() -> ResponseCodec.decode(truncated))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY));
    }

    @Property
    void when_bits_are_flipped_then_decode_returns_a_response_or_throws_ProtocolException(
            @ForAll("responses") ClientResponse response, @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = ResponseCodec.encode(response);
        bytes[position % bytes.length] ^= (byte) (1 << bit);
        decodeExpectingOnlyProtocolException(bytes);
    }

    @Property
    void when_garbage_follows_a_valid_header_then_only_ProtocolException_is_thrown(
            @ForAll @IntRange(min = 0, max = 16) int tag, @ForAll("garbage") byte[] tail) {
        byte[] header = new WireWriter(16).writeU8(ResponseCodec.VERSION).writeU8(tag).writeLong(7).toByteArray();
        byte[] bytes = Arrays.copyOf(header, header.length + tail.length);
        System.arraycopy(tail, 0, bytes, header.length, tail.length);
        decodeExpectingOnlyProtocolException(bytes);
    }

    @Property
    void when_arbitrary_bytes_are_decoded_then_only_ProtocolException_is_thrown(@ForAll("garbage") byte[] bytes) {
        decodeExpectingOnlyProtocolException(bytes);
    }

    @Example
    void when_a_scan_claims_two_billion_entries_in_a_small_body_then_decode_fails_before_allocating() {
        byte[] body = new WireWriter(32).writeU8(ResponseCodec.VERSION).writeU8(ResponseCodec.TAG_SCAN).writeLong(1)
                .writeInt(Integer.MAX_VALUE).writeInt(0).toByteArray();
        assertThatThrownBy(() -> ResponseCodec.decode(body))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("entry count")
                .hasMessageContaining("remain");
    }

    @Example
    void when_a_get_result_has_a_value_but_modIndex_zero_then_decode_refuses_it() {
        byte[] body = new WireWriter(32).writeU8(ResponseCodec.VERSION).writeU8(ResponseCodec.TAG_GET).writeLong(1)
                .writeBoolean(true).writeBytes(new byte[] {1}).writeLong(0).toByteArray();
        assertThatThrownBy(() -> ResponseCodec.decode(body))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("modIndex");
    }

    @Example
    void when_an_error_message_is_very_long_then_it_is_cut_to_fit_and_still_round_trips() throws ProtocolException {
        ErrorResponse error = ErrorResponse.internal("é".repeat(10_000));
        assertThat(error.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ErrorResponse.MAX_MESSAGE_BYTES);
        ClientResponse response = new ClientResponse(3, error);
        assertThat(ResponseCodec.decode(ResponseCodec.encode(response))).isEqualTo(response);
    }

    @Example
    void when_not_leader_carries_a_hint_then_it_survives_the_round_trip() throws ProtocolException {
        ClientResponse response = new ClientResponse(9,
                ErrorResponse.notLeader("n2", "127.0.0.1:7002", "node n1 is a follower"));
        ErrorResponse decoded = (ErrorResponse) ResponseCodec.decode(ResponseCodec.encode(response)).response();
        assertThat(decoded.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(decoded.leaderId()).isEqualTo("n2");
        assertThat(decoded.leaderAddress()).isEqualTo("127.0.0.1:7002");
    }

    private static void decodeExpectingOnlyProtocolException(byte[] bytes) {
        try {
            ClientResponse decoded = ResponseCodec.decode(bytes);
            assertThat(ResponseCodec.encode(decoded)).isEqualTo(bytes);
        } catch (ProtocolException expected) {
            assertThat(expected.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY);
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
