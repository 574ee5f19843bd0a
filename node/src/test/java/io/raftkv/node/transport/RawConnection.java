package io.raftkv.node.transport;

import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.Role;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A blocking socket speaking raw bytes, so tests can send exactly what a broken or hostile
 * sender would. Independent of the Netty codec under test: it builds headers by hand.
 */
final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawConnection(InetSocketAddress address) throws IOException {
        this(connect(address));
    }

    /** Over a socket already connected, e.g. a TLS socket. */
    RawConnection(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        return s;
    }

    static byte[] frameBytes(int version, int typeCode, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.BYTES + body.length)
                .putInt(FrameHeader.MAGIC).put((byte) version).put((byte) typeCode)
                .put((byte) FrameHeader.FLAG_CRC32C).put((byte) 0).putInt(body.length);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), 0, 12);
        crc.update(body);
        return frame.putInt((int) crc.getValue()).put(body).array();
    }

    /** ":port" as the server logs this connection's remote address. */
    String logTag() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(FrameType type, byte[] body) throws IOException {
        write(frameBytes(FrameHeader.CURRENT_VERSION, type.code(), body));
    }

    /**
     * Sends the handshake and, for an accepted CLIENT, the AUTH step without credentials (what a
     * node with authentication off accepts); fails if that AUTH step is refused.
     */
    HandshakeReply handshake(Handshake hello) throws Exception {
        HandshakeReply reply = handshakeOnly(hello);
        if (reply.isAccepted() && hello.role() == Role.CLIENT) {
            AuthReply auth = auth(AuthRequest.none());
            if (!auth.isAccepted()) {
                throw new AssertionError("AUTH without credentials refused: " + auth);
            }
        }
        return reply;
    }

    /** Sends the handshake only and reads its reply. */
    HandshakeReply handshakeOnly(Handshake hello) throws Exception {
        send(FrameType.HANDSHAKE, hello.encode());
        Frame reply = read();
        if (reply.type() != FrameType.HANDSHAKE_REPLY) {
            throw new AssertionError("expected HANDSHAKE_REPLY, got " + reply);
        }
        return HandshakeReply.decode(reply.body());
    }

    /** Sends an AUTH frame and reads the AUTH_REPLY. */
    AuthReply auth(AuthRequest request) throws Exception {
        send(FrameType.AUTH, request.encode());
        Frame reply = read();
        if (reply.type() != FrameType.AUTH_REPLY) {
            throw new AssertionError("expected AUTH_REPLY, got " + reply);
        }
        return AuthReply.decode(reply.body());
    }

    /** The next frame; fails if the connection ends first. */
    Frame read() throws Exception {
        byte[] header = new byte[FrameHeader.BYTES];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header);
        if (h.getInt() != FrameHeader.MAGIC) {
            throw new AssertionError("server sent bad magic");
        }
        h.get();
        FrameType type = FrameType.fromCode(h.get() & 0xFF);
        h.getShort();
        byte[] body = new byte[h.getInt()];
        in.readFully(body);
        return new Frame(type, body);
    }

    /**
     * True once the server has closed the connection (end of stream or reset); any frames the
     * server sent before closing are skipped. Fails after the socket timeout.
     */
    boolean closedByServer() throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // skip whatever was sent before the close
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** True if no byte arrives within {@code window}; a bounded check that something does NOT happen. */
    boolean silentFor(java.time.Duration window) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) window.toMillis());
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
