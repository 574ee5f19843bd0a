package io.raftkv.node.raft;

/**
 * The leader tells a caught-up target to campaign at once, ending a leadership transfer (thesis
 * §3.10). The target starts a real election (no pre-vote) flagged as a transfer.
 */
public record TimeoutNow(String from, String to, long term) implements Message {
}
