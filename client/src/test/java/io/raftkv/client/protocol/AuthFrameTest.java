package io.raftkv.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AUTH step of protocol version 4: its bodies and the decoder's one-frame gate. */
class AuthFrameTest {

    private static final int PRE = 64 * 1024;
    private static final int MAX = 1024 * 1024;

    private final FrameDecoder decoder = new FrameDecoder(FrameType.HANDSHAKE, PRE);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf encoded(Frame frame) {
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(true, MAX));
        out.writeOutbound(frame);
        ByteBuf buf = out.readOutbound();
        out.finishAndReleaseAll();
        return buf;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void when_auth_request_and_reply_round_trip_then_every_field_survives() throws Exception {
        AuthRequest request = new AuthRequest("änn", utf8("pw with spaces"));
        AuthReply reply = new AuthReply(AuthOutcome.REFUSED_TOO_MANY_ATTEMPTS, "wait");

        assertThat(AuthRequest.decode(request.encode())).isEqualTo(request);
        assertThat(AuthReply.decode(reply.encode())).isEqualTo(reply);
        assertThat(AuthRequest.decode(AuthRequest.none().encode()).hasCredentials()).isFalse();
    }

    @Test
    void when_an_auth_request_is_printed_then_the_password_is_not() {
        String printed = new AuthRequest("ann", utf8("hunter2")).toString();

        assertThat(printed).contains("ann").doesNotContain("hunter2");
    }

    @Test
    void when_a_password_is_longer_than_the_limit_then_encode_and_decode_refuse_it_naming_the_field() {
        byte[] tooLong = new byte[AuthRequest.MAX_PASSWORD_BYTES + 1];
        assertThatThrownBy(() -> new AuthRequest("ann", tooLong)).hasMessageContaining("password");
        byte[] body = new WireWriter(16).writeString("ann", 255).writeBytes(tooLong).toByteArray();
        assertThatThrownBy(() -> AuthRequest.decode(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("password");
    }

    @Test
    void when_an_auth_body_has_trailing_bytes_or_an_unknown_outcome_then_it_is_malformed() {
        byte[] body = AuthRequest.none().encode();
        assertThatThrownBy(() -> AuthRequest.decode(Arrays.copyOf(body, body.length + 1)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> AuthReply.decode(new byte[] {9, 0, 0})).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("outcome code 9");
    }

    @Test
    void when_the_decoder_expects_auth_then_it_passes_exactly_one_auth_frame_and_then_nothing_until_opened() {
        channel.writeInbound(encoded(Handshake.current("c1", "app", Role.CLIENT).toFrame()));
        assertThat(((Frame) channel.readInbound()).type()).isEqualTo(FrameType.HANDSHAKE);
        decoder.expectNext(FrameType.AUTH);

        channel.writeInbound(Unpooled.wrappedBuffer(encoded(AuthRequest.none().toFrame()),
                encoded(new Frame(FrameType.CLIENT_REQUEST, new byte[] {1}))));

        assertThat(((Frame) channel.readInbound()).type()).isEqualTo(FrameType.AUTH);
        assertThat((Object) channel.readInbound()).as("nothing past AUTH before the verdict").isNull();
        decoder.open(MAX);
        channel.writeInbound(Unpooled.EMPTY_BUFFER);
        assertThat(((Frame) channel.readInbound()).type()).isEqualTo(FrameType.CLIENT_REQUEST);
    }

    @Test
    void when_a_client_sends_a_request_instead_of_auth_then_it_is_an_unexpected_frame() {
        channel.writeInbound(encoded(Handshake.current("c1", "app", Role.CLIENT).toFrame()));
        channel.readInbound();
        decoder.expectNext(FrameType.AUTH);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                channel.writeInbound(encoded(new Frame(FrameType.CLIENT_REQUEST, new byte[] {1}))));

        assertThat(thrown).isInstanceOf(DecoderException.class).hasCauseInstanceOf(ProtocolException.class);
        ProtocolException e = (ProtocolException) thrown.getCause();
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.UNEXPECTED_FRAME);
        assertThat(e.getMessage()).contains("next frame must be AUTH");
    }
}
