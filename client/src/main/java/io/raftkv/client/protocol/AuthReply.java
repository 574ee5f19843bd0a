package io.raftkv.client.protocol;

import java.util.Objects;

/**
 * The node's answer to an {@link AuthRequest} ({@link FrameType#AUTH_REPLY}). Body: u8 outcome,
 * string detail (u16 length + UTF-8, at most {@value HandshakeReply#MAX_DETAIL_BYTES} bytes).
 *
 * @param outcome accepted, or why not
 * @param detail  a sentence for the user or operator; may be empty when accepted
 */
public record AuthReply(AuthOutcome outcome, String detail) {

    /** @throws NullPointerException if a field is null */
    public AuthReply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        int maxChars = HandshakeReply.MAX_DETAIL_BYTES / 3;
        detail = detail.length() <= maxChars ? detail : detail.substring(0, maxChars);
    }

    /** True when the connection may carry requests. */
    public boolean isAccepted() {
        return outcome == AuthOutcome.ACCEPTED;
    }

    /** The frame body. */
    public byte[] encode() {
        return new WireWriter(4 + detail.length())
                .writeU8(outcome.code())
                .writeString(detail, HandshakeReply.MAX_DETAIL_BYTES)
                .toByteArray();
    }

    /** An {@link FrameType#AUTH_REPLY} frame carrying this reply. */
    public Frame toFrame() {
        return new Frame(FrameType.AUTH_REPLY, encode());
    }

    /**
     * Reads a reply body.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field if the body cannot be read
     */
    public static AuthReply decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "AuthReply");
        AuthOutcome outcome = AuthOutcome.fromCode(in.readU8("outcome"));
        String detail = in.readString("detail", HandshakeReply.MAX_DETAIL_BYTES);
        in.expectEnd();
        return new AuthReply(outcome, detail);
    }
}
