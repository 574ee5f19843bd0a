package io.raftkv.client.protocol;

import java.util.Objects;

/**
 * The accepting node's answer to a {@link Handshake}. Like the handshake, its layout is frozen
 * across versions (u8 outcome, u16 protocol version, string node id, string detail).
 *
 * @param outcome         accepted, or why not
 * @param nodeId          the answering node's id, 1..{@value Handshake#MAX_ID_BYTES} UTF-8 bytes
 * @param protocolVersion the version the answering node speaks, 0..65535
 * @param detail          a sentence for the operator, empty when accepted; at most {@value #MAX_DETAIL_BYTES} UTF-8 bytes
 */
public record HandshakeReply(HandshakeOutcome outcome, String nodeId, int protocolVersion, String detail) {

    /** Longest detail text, in UTF-8 bytes. */
    public static final int MAX_DETAIL_BYTES = 1024;

    /** @throws IllegalArgumentException naming the field if a value is out of range */
    public HandshakeReply {
        Objects.requireNonNull(outcome, "outcome");
        Handshake.checkId("nodeId", nodeId);
        if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
            throw new IllegalArgumentException("protocolVersion must be in 0..65535, was " + protocolVersion);
        }
        Objects.requireNonNull(detail, "detail");
    }

    /** An acceptance from {@code nodeId} at this build's version. */
    public static HandshakeReply accepted(String nodeId) {
        return new HandshakeReply(HandshakeOutcome.ACCEPTED, nodeId, FrameHeader.CURRENT_VERSION, "");
    }

    /** A refusal from {@code nodeId} at this build's version, with a reason for the operator. */
    public static HandshakeReply refused(HandshakeOutcome outcome, String nodeId, String detail) {
        if (outcome == HandshakeOutcome.ACCEPTED) {
            throw new IllegalArgumentException("a refusal needs a REFUSED_* outcome, was ACCEPTED");
        }
        return new HandshakeReply(outcome, nodeId, FrameHeader.CURRENT_VERSION, truncate(detail));
    }

    /** True when the connection may carry frames. */
    public boolean isAccepted() {
        return outcome == HandshakeOutcome.ACCEPTED;
    }

    /** The frame body. */
    public byte[] encode() {
        return new WireWriter(8 + nodeId.length() + detail.length())
                .writeU8(outcome.code())
                .writeU16(protocolVersion)
                .writeString(nodeId, Handshake.MAX_ID_BYTES)
                .writeString(detail, MAX_DETAIL_BYTES)
                .toByteArray();
    }

    /** A {@link FrameType#HANDSHAKE_REPLY} frame carrying this reply. */
    public Frame toFrame() {
        return new Frame(FrameType.HANDSHAKE_REPLY, encode());
    }

    /**
     * Reads a reply body.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field if the body cannot be read
     */
    public static HandshakeReply decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "HandshakeReply");
        HandshakeOutcome outcome = HandshakeOutcome.fromCode(in.readU8("outcome"));
        int version = in.readU16("protocolVersion");
        String nodeId = in.readString("nodeId", Handshake.MAX_ID_BYTES);
        String detail = in.readString("detail", MAX_DETAIL_BYTES);
        in.expectEnd();
        if (nodeId.isEmpty()) {
            throw in.malformed("nodeId must not be empty");
        }
        return new HandshakeReply(outcome, nodeId, version, detail);
    }

    private static String truncate(String detail) {
        // Keep well under the byte limit whatever the characters: at most 3 bytes per UTF-16 unit.
        int maxChars = MAX_DETAIL_BYTES / 3;
        return detail.length() <= maxChars ? detail : detail.substring(0, maxChars);
    }
}
