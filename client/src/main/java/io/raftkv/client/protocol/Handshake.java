package io.raftkv.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The first frame of every connection: who is connecting and what it speaks. The body layout
 * is frozen across protocol versions (u8 role, u16 protocol version, string cluster id, string
 * sender id; strings are u16 length + UTF-8) so that a node can read a newer sender's handshake
 * and refuse it with {@link HandshakeOutcome#REFUSED_VERSION}.
 *
 * @param clusterId       the cluster the sender believes it joins; 1..{@value #MAX_ID_BYTES} UTF-8 bytes
 * @param senderId        the node id for {@link Role#PEER}, a client id for {@link Role#CLIENT};
 *                        1..{@value #MAX_ID_BYTES} UTF-8 bytes
 * @param role            peer or client
 * @param protocolVersion the version the sender speaks, 0..65535
 */
public record Handshake(String clusterId, String senderId, Role role, int protocolVersion) {

    /** Longest cluster, node or client id, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 255;

    /** @throws IllegalArgumentException naming the field if an id is empty or too long, or the version is out of range */
    public Handshake {
        checkId("clusterId", clusterId);
        checkId("senderId", senderId);
        Objects.requireNonNull(role, "role");
        if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
            throw new IllegalArgumentException("protocolVersion must be in 0..65535, was " + protocolVersion);
        }
    }

    /** A handshake at this build's {@link FrameHeader#CURRENT_VERSION}. */
    public static Handshake current(String clusterId, String senderId, Role role) {
        return new Handshake(clusterId, senderId, role, FrameHeader.CURRENT_VERSION);
    }

    static void checkId(String field, String id) {
        Objects.requireNonNull(id, field);
        int length = id.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_ID_BYTES) {
            throw new IllegalArgumentException(field + " must be 1.." + MAX_ID_BYTES + " UTF-8 bytes, was "
                    + length);
        }
    }

    /** The frame body. */
    public byte[] encode() {
        return new WireWriter(8 + clusterId.length() + senderId.length())
                .writeU8(role.code())
                .writeU16(protocolVersion)
                .writeString(clusterId, MAX_ID_BYTES)
                .writeString(senderId, MAX_ID_BYTES)
                .toByteArray();
    }

    /** A {@link FrameType#HANDSHAKE} frame carrying this handshake. */
    public Frame toFrame() {
        return new Frame(FrameType.HANDSHAKE, encode());
    }

    /**
     * Reads a handshake body.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field if the body is short, has
     *                           trailing bytes, an unknown role, or an empty or overlong id
     */
    public static Handshake decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "Handshake");
        Role role = Role.fromCode(in.readU8("role"));
        int version = in.readU16("protocolVersion");
        String clusterId = in.readString("clusterId", MAX_ID_BYTES);
        String senderId = in.readString("senderId", MAX_ID_BYTES);
        in.expectEnd();
        if (clusterId.isEmpty() || senderId.isEmpty()) {
            throw in.malformed("clusterId and senderId must not be empty");
        }
        return new Handshake(clusterId, senderId, role, version);
    }
}
