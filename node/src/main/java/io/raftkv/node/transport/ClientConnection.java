package io.raftkv.node.transport;

import io.netty.channel.Channel;
import io.raftkv.client.protocol.CoalescingWriter;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameType;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's accepted connection, handed to {@link ClientRequestSink} with each request.
 * Answers go back through {@link #respond}; each answer frees one in-flight slot.
 *
 * <p>Thread-safe: every method may be called from any thread and none blocks.
 */
public final class ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final Channel channel;
    private final String clientId;
    /** From ProtocolLimits.maxRequestsInFlightPerConnection; at least 1. */
    private final int maxInFlight;
    /** Requests delivered and not yet answered; event loop only; 0 <= inFlight. */
    private int inFlight;
    /** Answers from any thread, written and flushed together on the event loop. */
    private final CoalescingWriter writer;

    ClientConnection(Channel channel, String clientId, int maxInFlight) {
        this.channel = channel;
        this.clientId = clientId;
        this.maxInFlight = maxInFlight;
        this.writer = new CoalescingWriter(channel, this::answered);
    }

    /** The id the client gave in its handshake (not authenticated). */
    public String clientId() {
        return clientId;
    }

    /** The client's address, for logs. */
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** False once the connection closed; answers are then dropped. */
    public boolean isOpen() {
        return channel.isActive();
    }

    /**
     * Sends the answer to one request as a {@link FrameType#CLIENT_RESPONSE} frame. Non-blocking,
     * any thread. If the connection has closed, the answer is dropped (the client retries on
     * another connection).
     *
     * @param body the encoded answer, not copied; must fit maxFrameBytes minus the 16-byte header,
     *             or the connection is closed with a logged FRAME_TOO_LARGE error
     */
    public void respond(byte[] body) {
        writer.write(new Frame(FrameType.CLIENT_RESPONSE, body), null);
    }

    /** Closes the connection; non-blocking, any thread, idempotent. */
    public void close() {
        channel.close();
    }

    /** {@code answers} went out in one flush: each frees an in-flight slot. Event loop only. */
    private void answered(int answers) {
        inFlight = Math.max(0, inFlight - answers);
        if (inFlight < maxInFlight && channel.isActive() && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** A request was delivered; past the limit, stop reading until answers go out. Event loop only. */
    void requestArrived() {
        inFlight++;
        if (inFlight >= maxInFlight && channel.config().isAutoRead()) {
            LOG.debug("client {} at {} has {} requests in flight (maxRequestsInFlightPerConnection); pausing reads",
                    clientId, channel.remoteAddress(), inFlight);
            channel.config().setAutoRead(false);
        }
    }

    /** Requests delivered and not yet answered; event loop only. */
    int inFlight() {
        return inFlight;
    }

    @Override
    public String toString() {
        return "ClientConnection[" + clientId + " at " + channel.remoteAddress() + "]";
    }
}
