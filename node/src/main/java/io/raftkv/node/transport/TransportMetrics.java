package io.raftkv.node.transport;

import io.raftkv.client.protocol.HandshakeOutcome;
import io.raftkv.client.protocol.ProtocolException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the transport refused, closed, sent and dropped. Every refusal counted here
 * is also logged at WARN with the remote address. Thread-safe; reads are cheap and lock-free.
 */
public final class TransportMetrics {

    private final Map<ProtocolException.Reason, LongAdder> protocolErrors =
            new EnumMap<>(ProtocolException.Reason.class);
    private final Map<HandshakeOutcome, LongAdder> handshakes = new EnumMap<>(HandshakeOutcome.class);
    private final LongAdder idleClosed = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();
    private final LongAdder refusedAtAccept = new LongAdder();
    private final LongAdder tlsFailures = new LongAdder();
    /** Connections accepted by the server and not yet closed, handshake done or not. */
    private final AtomicInteger openInbound = new AtomicInteger();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> flushes = new ConcurrentHashMap<>();

    TransportMetrics() {
        for (ProtocolException.Reason r : ProtocolException.Reason.values()) {
            protocolErrors.put(r, new LongAdder());
        }
        for (HandshakeOutcome o : HandshakeOutcome.values()) {
            handshakes.put(o, new LongAdder());
        }
    }

    /** Connections closed because their bytes broke the protocol for this reason. */
    public long protocolErrors(ProtocolException.Reason reason) {
        return protocolErrors.get(reason).sum();
    }

    /** Handshakes this node answered with this outcome (ACCEPTED counts accepted ones). */
    public long handshakes(HandshakeOutcome outcome) {
        return handshakes.get(outcome).sum();
    }

    /** Connections closed because no byte arrived within the idle timeout (or no handshake in time). */
    public long idleClosed() {
        return idleClosed.sum();
    }

    /** Connections closed because a sink threw. */
    public long sinkFailures() {
        return sinkFailures.sum();
    }

    /** Connections closed as soon as accepted, past twice maxConnectionsPerNode. */
    public long refusedAtAccept() {
        return refusedAtAccept.sum();
    }

    /** Connections closed because their TLS handshake failed (no shared protocol, untrusted certificate). */
    public long tlsFailures() {
        return tlsFailures.sum();
    }

    void recordTlsFailure() {
        tlsFailures.increment();
    }

    /** Inbound connections open right now. */
    public int openInboundConnections() {
        return openInbound.get();
    }

    /** Messages to this peer dropped because its queue was full. */
    public long dropped(String peerId) {
        return count(dropped, peerId);
    }

    /** Frames written to this peer (PINGs excluded). */
    public long sent(String peerId) {
        return count(sent, peerId);
    }

    /** Flushes of this peer's connection; with batching, at most {@link #sent}. */
    public long flushes(String peerId) {
        return count(flushes, peerId);
    }

    private static long count(Map<String, LongAdder> map, String key) {
        LongAdder a = map.get(key);
        return a == null ? 0 : a.sum();
    }

    void recordProtocolError(ProtocolException.Reason reason) {
        protocolErrors.get(reason).increment();
    }

    void recordHandshake(HandshakeOutcome outcome) {
        handshakes.get(outcome).increment();
    }

    void recordIdleClosed() {
        idleClosed.increment();
    }

    void recordSinkFailure() {
        sinkFailures.increment();
    }

    void recordRefusedAtAccept() {
        refusedAtAccept.increment();
    }

    int inboundOpened() {
        return openInbound.incrementAndGet();
    }

    void inboundClosed() {
        openInbound.decrementAndGet();
    }

    void recordDropped(String peerId, int n) {
        dropped.computeIfAbsent(peerId, k -> new LongAdder()).add(n);
    }

    void recordSent(String peerId, int n) {
        sent.computeIfAbsent(peerId, k -> new LongAdder()).add(n);
    }

    void recordFlush(String peerId) {
        flushes.computeIfAbsent(peerId, k -> new LongAdder()).increment();
    }
}
