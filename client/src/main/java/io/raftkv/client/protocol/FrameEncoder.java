package io.raftkv.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/**
 * Writes {@link Frame}s with the header of {@link FrameHeader} at
 * {@link FrameHeader#CURRENT_VERSION}, with a CRC32C of the header's first 12 bytes and the
 * body when asked to.
 *
 * <p>A frame above {@code maxFrameBytes} fails its write promise with a ProtocolException
 * (FRAME_TOO_LARGE, wrapped by Netty in an EncoderException) and nothing is written, so the
 * receiver never sees a frame it would have to refuse.
 *
 * <p>Thread: sharable; holds no per-channel state.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {

    /** Whether bodies carry a CRC32C. */
    private final boolean checksum;
    /** Largest frame written, header included. */
    private final int maxFrameBytes;

    /**
     * @param checksum      true to set {@link FrameHeader#FLAG_CRC32C} and the checksum field
     * @param maxFrameBytes largest frame written, header included
     */
    public FrameEncoder(boolean checksum, int maxFrameBytes) {
        super(Frame.class, false);
        this.checksum = checksum;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        return ctx.alloc().ioBuffer(Math.min(frame.wireSize(), maxFrameBytes));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) throws ProtocolException {
        if (frame.wireSize() > maxFrameBytes) {
            throw new ProtocolException(ProtocolException.Reason.FRAME_TOO_LARGE, frame.type() + " frame of "
                    + frame.wireSize() + " bytes exceeds maxFrameBytes = " + maxFrameBytes);
        }
        writeHeader(out, FrameHeader.CURRENT_VERSION, frame.type().code(), frame.body(), checksum);
        out.writeBytes(frame.body());
    }

    /** Writes a 16-byte header for {@code body}; the body itself is written by the caller. */
    static void writeHeader(ByteBuf out, int version, int typeCode, byte[] body, boolean checksum) {
        byte[] header = ByteBuffer.allocate(FrameHeader.CRC_OFFSET)
                .putInt(FrameHeader.MAGIC)
                .put((byte) version)
                .put((byte) typeCode)
                .put((byte) (checksum ? FrameHeader.FLAG_CRC32C : 0))
                .put((byte) 0)
                .putInt(body.length)
                .array();
        out.writeBytes(header);
        out.writeInt(checksum ? FrameDecoder.crc32c(header, body) : 0);
    }
}
