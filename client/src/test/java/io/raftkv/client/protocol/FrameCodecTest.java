package io.raftkv.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static final int PRE = 64 * 1024;
    private static final int MAX = 1024 * 1024;

    private final FrameDecoder decoder = new FrameDecoder(FrameType.HANDSHAKE, PRE);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder, new FrameEncoder(true, MAX));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf encoded(Frame frame, boolean checksum) {
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(checksum, MAX));
        out.writeOutbound(frame);
        ByteBuf buf = out.readOutbound();
        out.finishAndReleaseAll();
        return buf;
    }

    private static ByteBuf header(int magic, int version, int type, int flags, int length, int crc) {
        return Unpooled.buffer(16).writeInt(magic).writeByte(version).writeByte(type).writeByte(flags)
                .writeByte(0).writeInt(length).writeInt(crc);
    }

    private ProtocolException failureOf(ByteBuf bytes) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> channel.writeInbound(bytes));
        assertThat(thrown).isInstanceOf(DecoderException.class).hasCauseInstanceOf(ProtocolException.class);
        return (ProtocolException) thrown.getCause();
    }

    @Test
    void when_frames_round_trip_then_type_and_body_survive_with_and_without_checksum() {
        Handshake hello = Handshake.current("c1", "n1", Role.PEER);
        channel.writeInbound(encoded(hello.toFrame(), true));
        Frame first = channel.readInbound();
        assertThat(first.type()).isEqualTo(FrameType.HANDSHAKE);
        assertThat(first.body()).isEqualTo(hello.encode());
        decoder.open(MAX);
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        channel.writeInbound(encoded(new Frame(FrameType.RAFT_MESSAGE, body), false));
        channel.writeInbound(encoded(Frame.empty(FrameType.PING), true));
        assertThat((Frame) channel.readInbound()).isEqualTo(new Frame(FrameType.RAFT_MESSAGE, body));
        assertThat((Frame) channel.readInbound()).isEqualTo(Frame.empty(FrameType.PING));
    }

    @Test
    void when_a_frame_arrives_one_byte_at_a_time_then_it_is_decoded_once_complete() {
        ByteBuf whole = encoded(Handshake.current("c1", "client-7", Role.CLIENT).toFrame(), true);
        while (whole.isReadable()) {
            assertThat((Object) channel.readInbound()).isNull();
            channel.writeInbound(whole.readRetainedSlice(1));
        }
        whole.release();
        Frame frame = channel.readInbound();
        assertThat(frame.type()).isEqualTo(FrameType.HANDSHAKE);
    }

    @Test
    void when_the_first_byte_is_not_magic_then_bad_magic_is_raised_without_waiting_for_a_header() {
        ProtocolException e = failureOf(Unpooled.wrappedBuffer(new byte[] {'G'}));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_MAGIC);
        assertThat(e.getMessage()).contains("magic");
    }

    @Test
    void when_the_declared_length_exceeds_the_pre_handshake_limit_then_it_is_refused_from_the_header_alone() {
        ProtocolException e = failureOf(header(FrameHeader.MAGIC, 1, FrameType.HANDSHAKE.code(), 0, 1 << 30, 0));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.FRAME_TOO_LARGE);
        assertThat(e.getMessage()).contains("maxPreHandshakeFrameBytes").contains(String.valueOf(PRE));
    }

    @Test
    void when_the_handshake_is_accepted_then_the_larger_limit_applies_and_is_named() {
        channel.writeInbound(encoded(Handshake.current("c1", "n1", Role.PEER).toFrame(), true));
        channel.readInbound();
        decoder.open(MAX);
        channel.writeInbound(encoded(new Frame(FrameType.RAFT_MESSAGE, new byte[PRE * 2]), true));
        assertThat(((Frame) channel.readInbound()).body()).hasSize(PRE * 2);
        ProtocolException e = failureOf(header(FrameHeader.MAGIC, FrameHeader.CURRENT_VERSION, FrameType.RAFT_MESSAGE.code(), 0, MAX, 0));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.FRAME_TOO_LARGE);
        assertThat(e.getMessage()).contains("maxFrameBytes = " + MAX);
    }

    @Test
    void when_a_frame_other_than_the_handshake_comes_first_then_it_is_unexpected() {
        ProtocolException e = failureOf(encoded(new Frame(FrameType.RAFT_MESSAGE, new byte[3]), true));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.UNEXPECTED_FRAME);
    }

    @Test
    void when_the_body_is_corrupted_then_the_checksum_fails() {
        ByteBuf buf = encoded(Handshake.current("c1", "n1", Role.PEER).toFrame(), true);
        buf.setByte(FrameHeader.BYTES + 2, buf.getByte(FrameHeader.BYTES + 2) ^ 0x40);
        assertThat(failureOf(buf).reason()).isEqualTo(ProtocolException.Reason.BAD_CHECKSUM);
    }

    @Test
    void when_the_type_byte_is_flipped_to_another_valid_type_then_the_checksum_catches_it() {
        channel.writeInbound(encoded(Handshake.current("c1", "n1", Role.PEER).toFrame(), true));
        channel.readInbound();
        decoder.open(MAX);
        ByteBuf buf = encoded(new Frame(FrameType.RAFT_MESSAGE, new byte[] {1, 2}), true);
        buf.setByte(5, FrameType.CLIENT_REQUEST.code());
        assertThat(failureOf(buf).reason()).isEqualTo(ProtocolException.Reason.BAD_CHECKSUM);
    }

    @Test
    void when_the_type_code_is_unknown_then_the_code_is_named() {
        ProtocolException e = failureOf(header(FrameHeader.MAGIC, 1, 0x7E, 0, 0, 0));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.UNKNOWN_FRAME_TYPE);
        assertThat(e.getMessage()).contains("0x7e");
    }

    @Test
    void when_undefined_flags_are_set_then_the_frame_is_refused() {
        assertThat(failureOf(header(FrameHeader.MAGIC, 1, 1, 0x80, 0, 0)).reason())
                .isEqualTo(ProtocolException.Reason.BAD_FLAGS);
    }

    @Test
    void when_an_open_connection_sends_another_version_then_it_is_unsupported() {
        channel.writeInbound(encoded(Handshake.current("c1", "n1", Role.PEER).toFrame(), true));
        channel.readInbound();
        decoder.open(MAX);
        assertThat(failureOf(header(FrameHeader.MAGIC, FrameHeader.CURRENT_VERSION + 1, FrameType.PING.code(), 0, 0, 0)).reason())
                .isEqualTo(ProtocolException.Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void when_the_connection_closes_mid_frame_then_truncated_is_raised() {
        ByteBuf buf = encoded(Handshake.current("c1", "n1", Role.PEER).toFrame(), true);
        channel.writeInbound(buf.retainedSlice(0, buf.readableBytes() - 3));
        buf.release();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(channel::finish);
        assertThat(thrown).hasCauseInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) thrown.getCause()).reason()).isEqualTo(ProtocolException.Reason.TRUNCATED);
    }

    @Test
    void when_the_handshake_is_refused_then_later_bytes_are_never_decoded() {
        ByteBuf both = Unpooled.wrappedBuffer(encoded(Handshake.current("c1", "n1", Role.PEER).toFrame(), true),
                Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5}));
        channel.writeInbound(both);
        channel.readInbound();
        decoder.refuse();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {9, 9, 9}));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void when_a_frame_exceeds_the_encoder_limit_then_the_write_fails_and_nothing_is_written() {
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(false, 100));
        assertThatThrownBy(() -> out.writeOutbound(new Frame(FrameType.RAFT_MESSAGE, new byte[85])))
                .hasRootCauseInstanceOf(ProtocolException.class);
        assertThat((Object) out.readOutbound()).isNull();
        out.finishAndReleaseAll();
    }
}
