package io.raftkv.node.metrics;

import java.util.Objects;

/**
 * What {@code GET /health} reports.
 *
 * @param serving true while the node serves (HTTP 200); false once it is stopping or failed (503)
 * @param state "ok", "stopping" or "failed"
 * @param nodeId this node
 * @param role its Raft role, e.g. LEADER
 * @param leaderId the leader it knows, or null
 * @param term its current term, at least 0
 */
public record Health(boolean serving, String state, String nodeId, String role, String leaderId, long term) {

    public Health {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
    }

    /** A one-line JSON object with every field. */
    public String toJson() {
        return "{\"status\":" + quote(state) + ",\"node\":" + quote(nodeId) + ",\"role\":" + quote(role)
                + ",\"leader\":" + (leaderId == null ? "null" : quote(leaderId)) + ",\"term\":" + term + "}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
