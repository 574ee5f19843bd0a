package io.raftkv.client.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import java.nio.channels.ClosedChannelException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Writes frames to one channel from any thread with one event-loop task and one flush per burst
 * instead of one of each per frame: many answers completed together by the apply thread, or many
 * requests from a client's callers, leave in one {@code write} system call. Frames keep the order
 * in which {@link #write} was called.
 *
 * <p>Thread-safe and non-blocking. The queue is unbounded: callers bound what they write (the
 * in-flight limits of the protocol). Frames queued for a channel that has closed are dropped and
 * their promises failed with {@link ClosedChannelException}.
 */
public final class CoalescingWriter {

    private record Pending(Frame frame, ChannelPromise promise) {
    }

    private final Channel channel;
    /** Called on the event loop after each drain with the number of frames it wrote; may be null. */
    private final IntConsumer afterDrain;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** True while a drain task is queued and has not started polling yet. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /**
     * @param channel    where frames go
     * @param afterDrain run on the event loop after each flush with the count of frames written
     *                   (e.g. to release in-flight slots), or null
     */
    public CoalescingWriter(Channel channel, IntConsumer afterDrain) {
        this.channel = channel;
        this.afterDrain = afterDrain;
    }

    /**
     * Queues {@code frame}; it is written and flushed with whatever else is queued by then.
     *
     * @param promise completed when the write finished or failed, or null for none
     */
    public void write(Frame frame, ChannelPromise promise) {
        queue.add(new Pending(frame, promise));
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        // cleared before polling: a frame queued from now on schedules another drain
        drainScheduled.set(false);
        Pending p;
        if (!channel.isActive()) {
            // closed: what is queued is dropped; the callers see the close itself
            while ((p = queue.poll()) != null) {
                if (p.promise() != null) {
                    p.promise().tryFailure(new ClosedChannelException());
                }
            }
            return;
        }
        int written = 0;
        while ((p = queue.poll()) != null) {
            channel.write(p.frame(), p.promise() != null ? p.promise() : channel.voidPromise());
            written++;
        }
        if (written > 0) {
            channel.flush();
            if (afterDrain != null) {
                afterDrain.accept(written);
            }
        }
    }
}
