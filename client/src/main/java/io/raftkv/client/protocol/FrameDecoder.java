package io.raftkv.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Turns bytes into {@link Frame}s, checking every header field before buffering the body.
 *
 * <p>The conversation has states: before the handshake only one frame of the expected first
 * type ({@link FrameType#HANDSHAKE} on the accepting side, {@link FrameType#HANDSHAKE_REPLY}
 * on the connecting side) is decoded, under the small pre-handshake limit, and at any header
 * version (the handshake layout is frozen so that a newer sender can be refused with a reason).
 * Then nothing more is decoded until the handshake handler calls {@link #open(int)} or
 * {@link #refuse()}: a refused sender's later bytes are never parsed.
 *
 * <p>Failures throw {@link ProtocolException} (Netty wraps it in a DecoderException for
 * {@code exceptionCaught}); the decoder then discards every later byte, so one bad connection
 * is reported once. The declared length is checked against the limit as soon as the 16 header
 * bytes are in, so an oversized frame is refused without reading its body (fail fast).
 *
 * <p>Thread: one instance per channel, used only on that channel's event loop.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private enum State { AWAITING_HANDSHAKE, AWAITING_VERDICT, OPEN, CLOSED }

    /** The only type accepted as the next frame before {@link #open(int)}: the handshake's, then the AUTH step's. */
    private FrameType firstFrameType;
    /** True only for the very first frame, whose header may carry any version (frozen handshake layout). */
    private boolean anyVersion = true;
    /** Current limit, header included; the pre-handshake limit until {@link #open(int)}. */
    private int maxFrameBytes;
    /** Names the limit in force in error messages. */
    private String limitName;
    /** Moves forward only: AWAITING_HANDSHAKE -> AWAITING_VERDICT -> OPEN|CLOSED, any -> CLOSED. */
    private State state = State.AWAITING_HANDSHAKE;

    /**
     * @param firstFrameType            the type the first frame must have
     * @param maxPreHandshakeFrameBytes the limit for that first frame, header included, at least {@link FrameHeader#BYTES}
     */
    public FrameDecoder(FrameType firstFrameType, int maxPreHandshakeFrameBytes) {
        if (maxPreHandshakeFrameBytes < FrameHeader.BYTES) {
            throw new IllegalArgumentException("maxPreHandshakeFrameBytes must be at least " + FrameHeader.BYTES
                    + ", was " + maxPreHandshakeFrameBytes);
        }
        this.firstFrameType = firstFrameType;
        this.maxFrameBytes = maxPreHandshakeFrameBytes;
        this.limitName = "maxPreHandshakeFrameBytes";
    }

    /**
     * The handshake was accepted: decode frames again, at the post-handshake limit and only at
     * {@link FrameHeader#CURRENT_VERSION}. Event loop only.
     *
     * @param maxFrameBytes the limit from now on, header included
     * @throws IllegalStateException if no handshake frame was decoded or a verdict was already given
     */
    public void open(int maxFrameBytes) {
        if (state != State.AWAITING_VERDICT) {
            throw new IllegalStateException("open() needs a decoded handshake awaiting its verdict, state is " + state);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.limitName = "maxFrameBytes";
        this.anyVersion = false;
        this.state = State.OPEN;
    }

    /**
     * The handshake was accepted but one more frame must come before the connection opens (the
     * AUTH step of a client): decode exactly one frame of {@code type}, at this build's version and
     * still under the pre-handshake limit, then again nothing until {@link #open(int)} or
     * {@link #refuse()}. Event loop only.
     *
     * @throws IllegalStateException if no handshake frame was decoded or a verdict was already given
     */
    public void expectNext(FrameType type) {
        if (state != State.AWAITING_VERDICT) {
            throw new IllegalStateException("expectNext() needs a decoded frame awaiting its verdict, state is " + state);
        }
        this.firstFrameType = type;
        this.anyVersion = false;
        this.state = State.AWAITING_HANDSHAKE;
    }

    /** The handshake was refused: every later byte is discarded unread. Event loop only; idempotent. */
    public void refuse() {
        state = State.CLOSED;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        if (state == State.CLOSED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (state == State.AWAITING_VERDICT) {
            return;
        }
        try {
            Frame frame = decodeOne(in);
            if (frame != null) {
                if (state == State.AWAITING_HANDSHAKE) {
                    state = State.AWAITING_VERDICT;
                }
                out.add(frame);
            }
        } catch (ProtocolException e) {
            state = State.CLOSED;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        if (!in.isReadable() || state == State.CLOSED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        decode(ctx, in, out);
        if (in.isReadable() && state != State.CLOSED && state != State.AWAITING_VERDICT) {
            int have = in.readableBytes();
            String expected = have >= FrameHeader.BYTES
                    ? (FrameHeader.BYTES + in.getInt(in.readerIndex() + FrameHeader.LENGTH_OFFSET)) + " bytes"
                    : "a " + FrameHeader.BYTES + "-byte header";
            state = State.CLOSED;
            in.skipBytes(have);
            throw new ProtocolException(ProtocolException.Reason.TRUNCATED,
                    "connection closed after " + have + " bytes of a frame that needed " + expected);
        }
        in.skipBytes(in.readableBytes());
    }

    /** One frame, or null if more bytes are needed; checks everything before the body is buffered. */
    private Frame decodeOne(ByteBuf in) throws ProtocolException {
        int start = in.readerIndex();
        checkMagicPrefix(in, start);
        if (in.readableBytes() < FrameHeader.BYTES) {
            return null;
        }
        int version = in.getUnsignedByte(start + FrameHeader.VERSION_OFFSET);
        if (version == 0 || (!anyVersion && version != FrameHeader.CURRENT_VERSION)) {
            throw new ProtocolException(ProtocolException.Reason.UNSUPPORTED_VERSION,
                    "header version " + version + ", this node speaks version " + FrameHeader.CURRENT_VERSION);
        }
        FrameType type = FrameType.fromCode(in.getUnsignedByte(start + FrameHeader.TYPE_OFFSET));
        int flags = in.getUnsignedByte(start + FrameHeader.FLAGS_OFFSET);
        int reserved = in.getUnsignedByte(start + FrameHeader.RESERVED_OFFSET);
        if ((flags & ~FrameHeader.KNOWN_FLAGS) != 0 || reserved != 0) {
            throw new ProtocolException(ProtocolException.Reason.BAD_FLAGS, "flags 0x" + Integer.toHexString(flags)
                    + " / reserved 0x" + Integer.toHexString(reserved) + ", only flag 0x1 (CRC32C) is defined");
        }
        int length = in.getInt(start + FrameHeader.LENGTH_OFFSET);
        if (length < 0 || length > maxFrameBytes - FrameHeader.BYTES) {
            throw new ProtocolException(ProtocolException.Reason.FRAME_TOO_LARGE, "declared body length "
                    + Integer.toUnsignedString(length) + " exceeds " + limitName + " = " + maxFrameBytes
                    + " bytes (header " + FrameHeader.BYTES + " included)");
        }
        if (state == State.AWAITING_HANDSHAKE && type != firstFrameType) {
            throw new ProtocolException(ProtocolException.Reason.UNEXPECTED_FRAME,
                    (anyVersion ? "first frame must be " : "next frame must be ") + firstFrameType + ", was " + type);
        }
        if (in.readableBytes() < FrameHeader.BYTES + length) {
            return null;
        }
        int crc = in.getInt(start + FrameHeader.CRC_OFFSET);
        byte[] covered = new byte[FrameHeader.CRC_OFFSET];
        in.readBytes(covered);
        in.skipBytes(FrameHeader.BYTES - FrameHeader.CRC_OFFSET);
        byte[] body = new byte[length];
        in.readBytes(body);
        if ((flags & FrameHeader.FLAG_CRC32C) != 0) {
            int actual = crc32c(covered, body);
            if (actual != crc) {
                throw new ProtocolException(ProtocolException.Reason.BAD_CHECKSUM, type + " frame of " + length
                        + " body bytes has CRC32C 0x" + Integer.toHexString(actual) + ", header says 0x"
                        + Integer.toHexString(crc));
            }
        } else if (crc != 0) {
            throw new ProtocolException(ProtocolException.Reason.BAD_FLAGS,
                    "CRC32C field is set but flag 0x1 is not");
        }
        return new Frame(type, body);
    }

    /** Fails on the first byte that cannot start a frame, without waiting for a whole header. */
    private static void checkMagicPrefix(ByteBuf in, int start) throws ProtocolException {
        int available = Math.min(4, in.readableBytes());
        for (int i = 0; i < available; i++) {
            int expected = (FrameHeader.MAGIC >>> (24 - 8 * i)) & 0xFF;
            int actual = in.getUnsignedByte(start + i);
            if (actual != expected) {
                throw new ProtocolException(ProtocolException.Reason.BAD_MAGIC, "byte " + i + " of the frame is 0x"
                        + Integer.toHexString(actual) + ", the magic 0x" + Integer.toHexString(FrameHeader.MAGIC)
                        + " (\"RKVF\") needs 0x" + Integer.toHexString(expected));
            }
        }
    }

    /** CRC32C of the first 12 header bytes followed by the body: a flipped type or length is caught too. */
    static int crc32c(byte[] header12, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(header12, 0, FrameHeader.CRC_OFFSET);
        crc.update(body, 0, body.length);
        return (int) crc.getValue();
    }
}
