package io.raftkv.node.server;

import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of one node that can drop CLIENT_RESPONSE frames on their way back to
 * the client: the node applied the write, the client never hears so. One connection at a time.
 */
final class FaultyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    /** Responses still to drop. */
    private final AtomicInteger dropResponses = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Thread acceptor;
    private volatile Socket client;
    private volatile Socket upstream;

    FaultyProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    void dropNextResponses(int n) {
        dropResponses.set(n);
    }

    int dropped() {
        return dropped.get();
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket c = server.accept();
                Socket u = new Socket(target.getAddress(), target.getPort());
                client = c;
                upstream = u;
                pump("proxy-up", c.getInputStream(), u.getOutputStream(), false);
                pump("proxy-down", u.getInputStream(), c.getOutputStream(), true);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(String name, InputStream from, OutputStream to, boolean frameAware) {
        Thread t = new Thread(() -> {
            try {
                if (!frameAware) {
                    from.transferTo(to);
                    return;
                }
                DataInputStream in = new DataInputStream(from);
                byte[] header = new byte[FrameHeader.BYTES];
                while (true) {
                    in.readFully(header);
                    ByteBuffer h = ByteBuffer.wrap(header);
                    int type = header[5] & 0xff;
                    byte[] body = new byte[h.getInt(8)];
                    in.readFully(body);
                    if (type == FrameType.CLIENT_RESPONSE.code() && dropResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    to.write(header);
                    to.write(body);
                    to.flush();
                }
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeQuietly(client);
        closeQuietly(upstream);
    }
}
