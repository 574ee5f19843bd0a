package io.raftkv.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.raftkv.client.protocol.Frame;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side towards one peer: a bounded queue of frames, one connection that is
 * re-established with exponential backoff, and a drain task that writes everything queued and
 * flushes once per batch.
 *
 * <p>Raft tolerates lost messages (§5.3: the leader retries AppendEntries; §5.2: elections
 * time out and restart), so a full queue drops its oldest frame rather than block the caller.
 *
 * <p>Thread: {@link #send} from any thread (on the peer's event loop it writes and flushes at
 * once); everything else runs on the one event loop this peer is pinned to, so connection state
 * needs no locks.
 */
final class PeerSender {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSender.class);

    private final String selfId;
    private final String peerId;
    private final InetSocketAddress address;
    private final TransportConfig config;
    private final TransportMetrics metrics;
    /** Opens channels on {@link #loop}, tagged with this sender for the pipeline. */
    private final Bootstrap bootstrap;
    private final EventLoop loop;

    /** Frames waiting to be written, oldest first; size tracked by {@link #queued}. */
    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    /** Approximately queue.size(); 0 <= queued, at most capacity + concurrent senders. */
    private final AtomicInteger queued = new AtomicInteger();
    /** True while a drain task is scheduled and has not started polling yet. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Set once by {@link #close}; no reconnection afterwards. */
    private volatile boolean closed;

    /** The connection whose handshake was accepted, or null; written on the loop only. */
    private volatile Channel ready;
    /** Next reconnection delay in ms; loop only; reconnectMin <= backoffMs <= reconnectMax. */
    private long backoffMs;
    /** Whether the last attempt failed, so repeated failures log once at INFO, then at DEBUG. */
    private boolean failing;

    PeerSender(String selfId, String peerId, InetSocketAddress address, TransportConfig config,
            TransportMetrics metrics, Bootstrap template, EventLoop loop) {
        this.selfId = selfId;
        this.peerId = peerId;
        this.address = address;
        this.config = config;
        this.metrics = metrics;
        this.loop = loop;
        this.bootstrap = template.clone(loop).attr(PeerChannelInitializer.SENDER, this);
        this.backoffMs = config.reconnectMinBackoff().toMillis();
    }

    String peerId() {
        return peerId;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Starts connecting; non-blocking. */
    void start() {
        loop.execute(this::connect);
    }

    /**
     * Queues a frame and schedules a drain; never blocks. When the queue is full the oldest frame
     * is dropped and counted in {@link TransportMetrics#dropped}.
     */
    void send(Frame frame) {
        queue.offer(frame);
        if (queued.incrementAndGet() > config.peerQueueCapacity()) {
            if (queue.poll() != null) {
                queued.decrementAndGet();
                metrics.recordDropped(peerId, 1);
            }
        }
        scheduleDrain();
    }

    /**
     * Drains now when called on the loop (a Raft loop running there must have its AppendEntries
     * written before it fsyncs), else schedules one drain unless one is already pending. Any thread.
     */
    void scheduleDrain() {
        if (ready != null && loop.inEventLoop()) {
            drain();
            return;
        }
        if (ready != null && drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    /** Writes what is queued while the channel is writable, then flushes once. Loop only. */
    private void drain() {
        drainScheduled.set(false);
        Channel ch = ready;
        if (ch == null || !ch.isActive()) {
            return;
        }
        int written = 0;
        Frame frame;
        while (ch.isWritable() && (frame = queue.poll()) != null) {
            queued.decrementAndGet();
            ch.write(frame, ch.voidPromise());
            written++;
        }
        if (written > 0) {
            ch.flush();
            metrics.recordSent(peerId, written);
            metrics.recordFlush(peerId);
        }
    }

    /** The handshake was accepted on {@code ch}: frames may flow. Loop only. */
    void onReady(Channel ch) {
        if (closed) {
            ch.close();
            return;
        }
        ready = ch;
        backoffMs = config.reconnectMinBackoff().toMillis();
        if (failing) {
            LOG.info("{} outbound: connected to peer {} at {}", selfId, peerId, address);
            failing = false;
        }
        drainScheduled.set(true);
        drain();
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelFuture f = bootstrap.connect(address);
        Channel ch = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                noteFailure("cannot connect: " + done.cause());
                scheduleReconnect();
            }
        });
        ch.closeFuture().addListener(done -> {
            if (ready == ch) {
                ready = null;
            }
            if (f.isSuccess()) {
                noteFailure("connection closed");
                scheduleReconnect();
            }
        });
    }

    private void noteFailure(String what) {
        if (closed) {
            return;
        }
        if (!failing) {
            LOG.info("{} outbound: peer {} at {}: {}; reconnecting with backoff up to {} ms", selfId, peerId,
                    address, what, config.reconnectMaxBackoff().toMillis());
            failing = true;
        } else {
            LOG.debug("{} outbound: peer {} at {}: {}", selfId, peerId, address, what);
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(backoffMs * 2, config.reconnectMaxBackoff().toMillis());
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops reconnecting and closes the connection; queued frames are discarded. Any thread. */
    void close() {
        closed = true;
        loop.execute(() -> {
            Channel ch = ready;
            if (ch != null) {
                ch.close();
            }
            queue.clear();
            queued.set(0);
        });
    }

    /** Whether an accepted connection is up right now. Any thread. */
    boolean isReady() {
        Channel ch = ready;
        return ch != null && ch.isActive();
    }
}
