package io.raftkv.client.rpc;

import io.raftkv.client.protocol.Handshake;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One member of the cluster as a status answer lists it.
 *
 * @param nodeId  the member's id, 1..255 UTF-8 bytes
 * @param address where it serves peers and clients, "host:port", 0..255 UTF-8 bytes (empty if unknown)
 * @param role    voter or learner
 */
public record MemberInfo(String nodeId, String address, MemberRole role) {

    public MemberInfo {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        int idBytes = nodeId.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes == 0 || idBytes > Handshake.MAX_ID_BYTES) {
            throw new IllegalArgumentException("nodeId must be 1.." + Handshake.MAX_ID_BYTES + " UTF-8 bytes, was "
                    + idBytes);
        }
        if (address.getBytes(StandardCharsets.UTF_8).length > Handshake.MAX_ID_BYTES) {
            throw new IllegalArgumentException("address must be at most " + Handshake.MAX_ID_BYTES + " UTF-8 bytes");
        }
    }
}
