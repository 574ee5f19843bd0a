package io.raftkv.chaos.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy for one directed link (say n1 to n2): it listens on an ephemeral port of 127.0.0.1
 * and forwards every connection to the target, applying the current {@link LinkFault} to the
 * bytes in both directions. Raft peers send on their own outbound connections, so cutting the
 * proxy n1→n2 silences what n1 says to n2 and nothing else: a one-way partition.
 *
 * <p>Blocking sockets, four daemon threads per proxied connection (a reader and a writer per
 * direction; the writer holds chunks until their delivery time). Thread-safe: {@link #setFault}
 * may be called from any thread. {@link #close} ends every thread and socket.
 */
public final class LinkProxy implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    /** Connections open now; each removes itself when it closes. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private volatile LinkFault fault = LinkFault.NONE;
    private volatile boolean closed;

    private LinkProxy(String name, InetSocketAddress target, ServerSocket server) {
        this.name = name;
        this.target = target;
        this.server = server;
    }

    /**
     * Opens the listening socket and starts accepting.
     *
     * @param name   for thread names and reports, e.g. "n1->n2"
     * @param target where connections are forwarded
     * @throws IOException if no port can be bound
     */
    public static LinkProxy start(String name, InetSocketAddress target) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LinkProxy proxy = new LinkProxy(name, target, server);
        Thread t = new Thread(proxy::acceptLoop, "proxy-" + name + "-accept");
        t.setDaemon(true);
        t.start();
        return proxy;
    }

    /** The port peers connect to instead of the target's. */
    public int port() {
        return server.getLocalPort();
    }

    /** The link's name, e.g. "n1->n2". */
    public String name() {
        return name;
    }

    /** The fault in force. */
    public LinkFault fault() {
        return fault;
    }

    /** Bytes handed to the far side so far, both directions (a test's evidence that traffic flowed). */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    /**
     * Changes what the link does. Entering or leaving a blackhole closes the connections open
     * now, so that neither stale forwarding nor stale silence outlives the change; the peers
     * reconnect. Non-blocking.
     */
    public void setFault(LinkFault next) {
        LinkFault previous = fault;
        fault = next;
        if (previous.blackhole() != next.blackhole()) {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            Thread t = new Thread(() -> open(in), "proxy-" + name + "-open");
            t.setDaemon(true);
            t.start();
        }
    }

    private void open(Socket in) {
        try {
            in.setTcpNoDelay(true);
            if (fault.blackhole()) {
                Connection c = new Connection(in, null);
                connections.add(c);
                c.swallow();
                return;
            }
            Socket out = new Socket();
            out.setTcpNoDelay(true);
            out.connect(new InetSocketAddress(target.getHostString(), target.getPort()), CONNECT_TIMEOUT_MILLIS);
            Connection c = new Connection(in, out);
            connections.add(c);
            if (closed) {
                c.close();
                return;
            }
            c.pump(in, out, "up");
            c.pump(out, in, "down");
        } catch (IOException e) {
            // The target is down (killed, not started): the peer sees a reset, as it would without us.
            closeQuietly(in);
        }
    }

    /** Stops accepting and closes every connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Connection c : connections) {
            c.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing a socket that is already broken: nothing left to release.
        }
    }

    /** A chunk and when it may be written. */
    private record Chunk(byte[] bytes, long deliverAtNanos) {
    }

    /** One proxied connection; {@code out} is null for a blackholed one. */
    private final class Connection {
        private final Socket in;
        private final Socket out;
        private volatile boolean done;

        Connection(Socket in, Socket out) {
            this.in = in;
            this.out = out;
        }

        /** Reads and discards until the peer or a fault change closes the connection. */
        void swallow() {
            byte[] buf = new byte[CHUNK];
            try (InputStream s = in.getInputStream()) {
                while (!done && s.read(buf) >= 0) {
                    // A partition: the bytes go nowhere.
                }
            } catch (IOException e) {
                // Closed by setFault or by the peer: the blackhole ends.
            } finally {
                close();
            }
        }

        void pump(Socket from, Socket to, String direction) {
            BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> read(from, queue), "proxy-" + name + "-" + direction + "-read");
            Thread writer = new Thread(() -> write(to, queue), "proxy-" + name + "-" + direction + "-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        private void read(Socket from, BlockingQueue<Chunk> queue) {
            byte[] buf = new byte[CHUNK];
            long lastDeliverAt = 0;
            try {
                InputStream s = from.getInputStream();
                while (!done) {
                    int n = s.read(buf);
                    if (n < 0) {
                        break;
                    }
                    LinkFault f = fault;
                    if (f.dropChance() > 0 && ThreadLocalRandom.current().nextDouble() < f.dropChance()) {
                        break;
                    }
                    long delay = TimeUnit.MILLISECONDS.toNanos(f.delayMillis() + (f.jitterMillis() == 0 ? 0
                            : ThreadLocalRandom.current().nextLong(f.jitterMillis() + 1)));
                    // Keep the byte order of a stream: a chunk never overtakes the one before it.
                    lastDeliverAt = Math.max(lastDeliverAt, System.nanoTime() + delay);
                    queue.add(new Chunk(Arrays.copyOf(buf, n), lastDeliverAt));
                }
            } catch (IOException e) {
                // Reset by an endpoint or closed by a fault change.
            }
            close();
        }

        private void write(Socket to, BlockingQueue<Chunk> queue) {
            try {
                OutputStream s = to.getOutputStream();
                while (!done) {
                    Chunk c = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (c == null) {
                        continue;
                    }
                    long wait;
                    while (!done && (wait = c.deliverAtNanos() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (done) {
                        return;
                    }
                    // Counted before the write, so a peer that has received the bytes sees them counted.
                    forwardedBytes.addAndGet(c.bytes().length);
                    s.write(c.bytes());
                }
            } catch (IOException | InterruptedException e) {
                close();
            }
        }

        void close() {
            done = true;
            connections.remove(this);
            closeQuietly(in);
            if (out != null) {
                closeQuietly(out);
            }
        }
    }

    @Override
    public String toString() {
        return "LinkProxy[" + name + " :" + port() + " -> " + target.getPort() + ", " + fault + "]";
    }
}
