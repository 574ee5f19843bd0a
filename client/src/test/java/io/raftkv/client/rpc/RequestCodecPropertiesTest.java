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

class RequestCodecPropertiesTest {

    @Provide
    Arbitrary<ClientRequest> requests() {
        return RpcArbitraries.clientRequests();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    }

    @Property
    void when_a_request_is_encoded_then_decoding_gives_it_back(@ForAll("requests") ClientRequest request)
            throws ProtocolException {
        byte[] body = RequestCodec.encode(request);
        assertThat(RequestCodec.decode(body)).isEqualTo(request);
        assertThat(RequestCodec.peekRequestId(body)).isEqualTo(request.requestId());
    }

    @Property
    void when_an_encoding_is_truncated_then_decode_throws_MALFORMED_BODY(
            @ForAll("requests") ClientRequest request, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        byte[] full = RequestCodec.encode(request);
        byte[] truncated = Arrays.copyOf(full, cut % full.length);
        assertThatThrownBy(() -> RequestCodec.decode(truncated))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY));
    }

    @Property
    void when_a_byte_is_appended_then_decode_refuses_the_trailing_byte(@ForAll("requests") ClientRequest request) {
        byte[] full = RequestCodec.encode(request);
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertThatThrownBy(() -> RequestCodec.decode(longer)).isInstanceOf(ProtocolException.class);
    }

    @Property
    void when_bits_are_flipped_then_decode_returns_a_request_or_throws_ProtocolException(
            @ForAll("requests") ClientRequest request, @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = RequestCodec.encode(request);
        bytes[position % bytes.length] ^= (byte) (1 << bit);
        decodeExpectingOnlyProtocolException(bytes);
    }

    @Property
    void when_arbitrary_bytes_are_decoded_then_only_ProtocolException_is_thrown(@ForAll("garbage") byte[] bytes) {
        decodeExpectingOnlyProtocolException(bytes);
    }

    @Property
    void when_garbage_follows_a_valid_header_then_only_ProtocolException_is_thrown(
            @ForAll @IntRange(min = 0, max = 12) int tag, @ForAll("garbage") byte[] tail) {
        byte[] header = new WireWriter(16).writeU8(RequestCodec.VERSION).writeU8(tag).writeLong(7).writeInt(1000)
                .toByteArray();
        byte[] bytes = Arrays.copyOf(header, header.length + tail.length);
        System.arraycopy(tail, 0, bytes, header.length, tail.length);
        decodeExpectingOnlyProtocolException(bytes);
    }

    @Example
    void when_a_key_length_claims_more_than_the_body_then_decode_fails_without_allocating_it() {
        byte[] body = new WireWriter(32).writeU8(RequestCodec.VERSION).writeU8(RequestCodec.TAG_GET).writeLong(1)
                .writeInt(1000).writeInt(Integer.MAX_VALUE).writeU8(1).toByteArray();
        assertThatThrownBy(() -> RequestCodec.decode(body))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("key length");
    }

    @Example
    void when_a_status_asks_for_the_digest_then_the_flag_travels_and_a_plain_status_asks_for_none()
            throws ProtocolException {
        byte[] plain = RequestCodec.encode(new ClientRequest(7, 1000, new Request.Status()));
        byte[] withDigest = RequestCodec.encode(new ClientRequest(7, 1000, new Request.Status(true)));
        assertThat(RequestCodec.decode(plain).request()).isEqualTo(new Request.Status(false));
        assertThat(RequestCodec.decode(withDigest).request()).isEqualTo(new Request.Status(true));
    }

    @Example
    void when_the_version_is_unknown_then_decode_names_both_versions() {
        byte[] body = RequestCodec.encode(new ClientRequest(1, 1000, new Request.Status()));
        body[0] = 2;
        assertThatThrownBy(() -> RequestCodec.decode(body))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("version 1");
    }

    @Example
    void when_the_timeout_is_zero_then_decode_refuses_it() {
        byte[] body = RequestCodec.encode(new ClientRequest(1, 1000, new Request.Status()));
        body[10] = 0;
        body[11] = 0;
        body[12] = 0;
        body[13] = 0;
        assertThatThrownBy(() -> RequestCodec.decode(body)).hasMessageContaining("timeoutMillis");
    }

    @Example
    void when_the_tag_is_unknown_then_decode_names_it_but_peek_still_finds_the_request_id()
            throws ProtocolException {
        byte[] body = RequestCodec.encode(new ClientRequest(42, 1000, new Request.Status()));
        body[1] = 99;
        assertThatThrownBy(() -> RequestCodec.decode(body)).hasMessageContaining("request tag 99");
        assertThat(RequestCodec.peekRequestId(body)).isEqualTo(42);
    }

    private static void decodeExpectingOnlyProtocolException(byte[] bytes) {
        try {
            ClientRequest decoded = RequestCodec.decode(bytes);
            // Whatever decodes must encode back to exactly the same bytes: one encoding per value.
            assertThat(RequestCodec.encode(decoded)).isEqualTo(bytes);
        } catch (ProtocolException expected) {
            assertThat(expected.reason()).isEqualTo(ProtocolException.Reason.MALFORMED_BODY);
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
