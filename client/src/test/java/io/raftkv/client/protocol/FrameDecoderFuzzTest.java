package io.raftkv.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Hostile byte streams into the decoder: only typed rejections, and nothing decoded after one. */
class FrameDecoderFuzzTest {

    @Provide
    Arbitrary<List<byte[]>> chunks() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).list().ofMinSize(1).ofMaxSize(6);
    }

    /** Feeds chunks, then closes; returns the protocol error raised, or null if none. */
    private static ProtocolException feed(List<byte[]> chunks, byte[] prefix) {
        FrameDecoder decoder = new FrameDecoder(FrameType.HANDSHAKE, 4096);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ProtocolException failure = null;
        try {
            if (prefix.length > 0) {
                ch.writeInbound(Unpooled.wrappedBuffer(prefix));
                if (ch.readInbound() != null) {
                    decoder.open(1 << 20);
                }
            }
            for (byte[] chunk : chunks) {
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
            ch.finish();
        } catch (DecoderException e) {
            assertThat(e.getCause()).isInstanceOf(ProtocolException.class);
            failure = (ProtocolException) e.getCause();
        } finally {
            ch.finishAndReleaseAll();
        }
        return failure;
    }

    @Property(tries = 2000)
    void random_bytes_before_the_handshake_are_only_ever_typed_rejections(@ForAll("chunks") List<byte[]> chunks) {
        ProtocolException e = feed(chunks, new byte[0]);
        // Random bytes virtually never start with the magic; either way nothing untyped escapes.
        assertThat(e).isNotNull();
    }

    @Property(tries = 2000)
    void random_bytes_after_an_accepted_handshake_are_only_ever_typed_rejections(
            @ForAll("chunks") List<byte[]> chunks) {
        byte[] hello = encode(Handshake.current("c", "n", Role.PEER).toFrame());
        assertThat(feed(chunks, hello)).isNotNull();
    }

    @Property(tries = 1000)
    void a_valid_frame_with_one_corrupted_header_or_body_byte_is_rejected_or_decoded_whole(
            @ForAll @IntRange(min = 0, max = 200) int position, @ForAll byte mask,
            @ForAll @Size(max = 60) byte[] body) {
        byte[] hello = encode(Handshake.current("c", "n", Role.PEER).toFrame());
        byte[] frame = encode(new Frame(FrameType.RAFT_MESSAGE, body));
        frame[position % frame.length] ^= mask;
        FrameDecoder decoder = new FrameDecoder(FrameType.HANDSHAKE, 4096);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(hello));
            ch.readInbound();
            decoder.open(1 << 20);
            ch.writeInbound(Unpooled.wrappedBuffer(frame));
            ch.finish();
            Frame decoded = ch.readInbound();
            if (decoded != null) {
                // The CRC32C covers header and body, so any change is caught; a mask of 0 changes nothing.
                assertThat(decoded).isEqualTo(new Frame(FrameType.RAFT_MESSAGE, body));
            }
        } catch (DecoderException e) {
            assertThat(e.getCause()).isInstanceOf(ProtocolException.class);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static byte[] encode(Frame frame) {
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(true, 1 << 20));
        out.writeOutbound(frame);
        io.netty.buffer.ByteBuf buf = out.readOutbound();
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        out.finishAndReleaseAll();
        return bytes;
    }
}
