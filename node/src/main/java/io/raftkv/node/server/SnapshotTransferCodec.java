package io.raftkv.node.server;

import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.WireReader;
import io.raftkv.client.protocol.WireWriter;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.SnapshotMeta;

/**
 * Encodes {@link SnapshotTransferMessage}s as RAFT_MESSAGE frame bodies:
 * {@code u8 MARKER | u8 kind | string from | string to | fields}. Decoding throws only
 * {@link ProtocolException}. Thread-safe: stateless.
 */
final class SnapshotTransferCodec {

    /** First byte of every body of this codec; RaftMessageCodec bodies start with its version (1). */
    static final byte MARKER = (byte) 0x53;
    private static final int CHUNK = 1;
    private static final int ACK = 2;
    private static final int MAX_MEMBERSHIP_BYTES = 1 << 20;

    private SnapshotTransferCodec() {
    }

    /** True if {@code body} belongs to this codec rather than to RaftMessageCodec. */
    static boolean isTransfer(byte[] body) {
        return body.length > 0 && body[0] == MARKER;
    }

    static byte[] encode(SnapshotTransferMessage m) {
        if (m instanceof SnapshotTransferMessage.Chunk c) {
            byte[] membership = c.meta().membership().toBytes();
            WireWriter out = new WireWriter(96 + membership.length + c.data().length);
            out.writeU8(MARKER).writeU8(CHUNK).writeString(c.from(), Handshake.MAX_ID_BYTES)
                    .writeString(c.to(), Handshake.MAX_ID_BYTES).writeLong(c.term())
                    .writeLong(c.meta().index()).writeLong(c.meta().term()).writeBytes(membership)
                    .writeLong(c.offset()).writeLong(c.totalBytes()).writeBytes(c.data());
            return out.toByteArray();
        }
        if (m instanceof SnapshotTransferMessage.Ack a) {
            return new WireWriter(64).writeU8(MARKER).writeU8(ACK).writeString(a.from(), Handshake.MAX_ID_BYTES)
                    .writeString(a.to(), Handshake.MAX_ID_BYTES).writeLong(a.snapshotIndex())
                    .writeLong(a.nextOffset()).toByteArray();
        }
        throw new IllegalArgumentException("no encoding for " + m);
    }

    static SnapshotTransferMessage decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "SnapshotTransfer");
        if (in.readU8("marker") != (MARKER & 0xff)) {
            throw in.malformed("not a snapshot transfer body");
        }
        int kind = in.readU8("kind");
        String from = in.readString("from", Handshake.MAX_ID_BYTES);
        String to = in.readString("to", Handshake.MAX_ID_BYTES);
        try {
            if (kind == CHUNK) {
                long term = in.readLong("term");
                long index = in.readLong("index");
                long snapTerm = in.readLong("snapshot term");
                Membership membership = Membership.fromBytes(in.readBytes("membership", MAX_MEMBERSHIP_BYTES));
                long offset = in.readLong("offset");
                long total = in.readLong("total");
                byte[] data = in.readBytes("data", body.length);
                in.expectEnd();
                return new SnapshotTransferMessage.Chunk(from, to, term, new SnapshotMeta(index, snapTerm, membership),
                        offset, total, data);
            }
            if (kind == ACK) {
                long index = in.readLong("index");
                long next = in.readLong("next offset");
                in.expectEnd();
                return new SnapshotTransferMessage.Ack(from, to, index, next);
            }
        } catch (IllegalArgumentException e) {
            throw in.malformed(e.getMessage());
        }
        throw in.malformed("unknown snapshot transfer kind " + kind);
    }
}
