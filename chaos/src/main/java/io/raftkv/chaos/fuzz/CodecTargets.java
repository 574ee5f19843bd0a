package io.raftkv.chaos.fuzz;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.command.LogEntryCodec;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameDecoder;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.ProtocolLimits;
import io.raftkv.client.rpc.RequestCodec;
import io.raftkv.client.rpc.ResponseCodec;
import io.raftkv.node.transport.RaftMessageCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * The pure decoders of every wire and log format, each a {@link CodecTarget} with the exception
 * types its Javadoc documents. The node's package-private decoders (snapshot transfer, storage
 * records) are fuzzed by properties in the node module's tests.
 */
public final class CodecTargets {

    private CodecTargets() {
    }

    /** All codec targets, in a fixed order. */
    public static List<FuzzTarget> all() {
        List<Class<? extends Throwable>> protocol = List.of(ProtocolException.class);
        List<Class<? extends Throwable>> codec = List.of(CodecException.class);
        return List.of(
                new CodecTarget("codec/FrameDecoder", CodecTargets::frameStream, CodecTargets::decodeFrames, protocol),
                new CodecTarget("codec/Handshake", r -> Samples.handshake(r).encode(), Handshake::decode, protocol),
                new CodecTarget("codec/HandshakeReply", r -> Samples.handshakeReply(r).encode(),
                        HandshakeReply::decode, protocol),
                new CodecTarget("codec/AuthRequest", r -> Samples.authRequest(r).encode(), AuthRequest::decode, protocol),
                new CodecTarget("codec/AuthReply", r -> Samples.authReply(r).encode(), AuthReply::decode, protocol),
                new CodecTarget("codec/RequestCodec", r -> RequestCodec.encode(Samples.clientRequest(r)),
                        RequestCodec::decode, protocol),
                new CodecTarget("codec/ResponseCodec", r -> ResponseCodec.encode(Samples.clientResponse(r)),
                        ResponseCodec::decode, protocol),
                new CodecTarget("codec/CommandCodec", r -> CommandCodec.encode(Samples.command(r)),
                        CommandCodec::decode, codec),
                new CodecTarget("codec/CommandGroup", r -> CommandCodec.encodeGroup(List.of(
                        CommandCodec.encode(Samples.command(r)), CommandCodec.encode(Samples.command(r)))),
                        CommandCodec::decodeGroup, codec),
                new CodecTarget("codec/CommandResult", r -> CommandCodec.encodeResult(Samples.result(r)),
                        CommandCodec::decodeResult, codec),
                new CodecTarget("codec/LogEntryCodec", r -> LogEntryCodec.encode(Samples.entry(r)),
                        LogEntryCodec::decode, codec),
                new CodecTarget("codec/RaftMessageCodec", r -> RaftMessageCodec.encode(Samples.raftMessage(r)),
                        RaftMessageCodec::decode, protocol));
    }

    /** A whole frame: header (with CRC32C when {@code crc}) and body. */
    public static byte[] frame(FrameType type, byte[] body, boolean crc) {
        ByteBuffer b = ByteBuffer.allocate(FrameHeader.BYTES + body.length).putInt(FrameHeader.MAGIC)
                .put((byte) FrameHeader.CURRENT_VERSION).put((byte) type.code())
                .put((byte) (crc ? FrameHeader.FLAG_CRC32C : 0)).put((byte) 0).putInt(body.length);
        int sum = 0;
        if (crc) {
            CRC32C c = new CRC32C();
            c.update(b.array(), 0, 12);
            c.update(body);
            sum = (int) c.getValue();
        }
        return b.putInt(sum).put(body).array();
    }

    /** A handshake frame followed by zero to three client frames, as a client's first bytes. */
    private static byte[] frameStream(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean crc = rnd.nextBoolean();
        out.writeBytes(frame(FrameType.HANDSHAKE, Samples.handshake(rnd).encode(), crc));
        for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
            out.writeBytes(rnd.nextInt(4) == 0 ? frame(FrameType.PING, new byte[0], crc)
                    : frame(FrameType.CLIENT_REQUEST, RequestCodec.encode(Samples.clientRequest(rnd)), crc));
        }
        return out.toByteArray();
    }

    /**
     * Runs {@code input} through a {@link FrameDecoder} in an embedded channel as a node would:
     * pre-handshake limit first, the full limit once a handshake frame came out, then end of input.
     */
    private static Object decodeFrames(byte[] input) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(FrameType.HANDSHAKE, ProtocolLimits.DEFAULT_MAX_PRE_HANDSHAKE_FRAME_BYTES);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        int frames = 0;
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(input));
            if (ch.inboundMessages().size() > 0) {
                decoder.open(ProtocolLimits.DEFAULT_MAX_FRAME_BYTES);
                ch.writeInbound(Unpooled.buffer(0));
            }
            ch.finish();
            for (Object m; (m = ch.readInbound()) != null; ) {
                if (!(m instanceof Frame)) {
                    throw new IllegalStateException("decoder produced " + m.getClass().getName());
                }
                frames++;
            }
            return frames;
        } catch (DecoderException e) {
            if (e.getCause() instanceof ProtocolException p) {
                throw p;
            }
            throw e;
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
