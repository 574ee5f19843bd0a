package io.raftkv.node.server;

import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.Role;
import io.raftkv.client.rpc.ClientRequest;
import io.raftkv.client.rpc.ClientResponse;
import io.raftkv.client.rpc.Request;
import io.raftkv.client.rpc.RequestCodec;
import io.raftkv.client.rpc.Response;
import io.raftkv.client.rpc.ResponseCodec;
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
 * A blocking client socket that speaks frames built by hand, so tests can send exactly what a
 * broken or hostile client would, and also well-formed requests one at a time.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private long nextId = 1;

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes a client handshake; throws if it is refused. */
    static RawClient open(InetSocketAddress address, String clusterId) throws Exception {
        RawClient c = new RawClient(address);
        HandshakeReply reply = c.handshake(Handshake.current(clusterId, "test-client", Role.CLIENT));
        if (!reply.isAccepted()) {
            c.close();
            throw new IOException("handshake refused: " + reply);
        }
        return c;
    }

    static byte[] frameBytes(int typeCode, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.BYTES + body.length).putInt(FrameHeader.MAGIC)
                .put((byte) FrameHeader.CURRENT_VERSION).put((byte) typeCode).put((byte) FrameHeader.FLAG_CRC32C)
                .put((byte) 0).putInt(body.length);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), 0, 12);
        crc.update(body);
        return frame.putInt((int) crc.getValue()).put(body).array();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(FrameType type, byte[] body) throws IOException {
        write(frameBytes(type.code(), body));
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

    /** Sends one request and waits for its answer. */
    Response call(Request request) throws Exception {
        long id = nextId++;
        send(FrameType.CLIENT_REQUEST, RequestCodec.encode(new ClientRequest(id, 5000, request)));
        while (true) {
            Frame f = read();
            if (f.type() == FrameType.CLIENT_RESPONSE) {
                ClientResponse r = ResponseCodec.decode(f.body());
                if (r.requestId() == id) {
                    return r.response();
                }
            }
        }
    }

    /** Sends every request before reading the answers (pipelined); answers in request order. */
    java.util.List<Response> pipeline(java.util.List<Request> requests) throws Exception {
        long first = nextId;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (Request r : requests) {
            buf.write(frameBytes(FrameType.CLIENT_REQUEST.code(),
                    RequestCodec.encode(new ClientRequest(nextId++, 10_000, r))));
        }
        write(buf.toByteArray());
        Response[] out = new Response[requests.size()];
        for (int got = 0; got < out.length;) {
            Frame f = read();
            if (f.type() == FrameType.CLIENT_RESPONSE) {
                ClientResponse r = ResponseCodec.decode(f.body());
                int i = (int) (r.requestId() - first);
                if (i >= 0 && i < out.length && out[i] == null) {
                    out[i] = r.response();
                    got++;
                }
            }
        }
        return java.util.List.of(out);
    }

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
        h.getInt();
        in.readFully(body);
        return new Frame(type, body);
    }

    /** True once the server closed the connection; false if it stays open for the socket timeout. */
    boolean closedByServer() throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // skip what came before the close
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** "127.0.0.1:port" as the node logs this connection's remote address. */
    String logTag() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    void setTimeoutMillis(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
