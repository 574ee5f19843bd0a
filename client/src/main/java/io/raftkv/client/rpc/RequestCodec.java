package io.raftkv.client.rpc;

import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.WireReader;
import io.raftkv.client.protocol.WireWriter;

/**
 * The versioned binary encoding of {@link ClientRequest}, the body of a CLIENT_REQUEST frame.
 * Big-endian; bytes = i32 length + bytes; string = u16 length + UTF-8; opt = u8 0|1 then the value:
 *
 * <pre>
 * request  := version=1:u8 tag:u8 requestId:i64 timeoutMillis:i32 body
 * tag 1 Get        key:bytes consistency:u8
 * tag 2 Scan       from:bytes to:opt(bytes) prefix:bytes limit:i32 reverse:u8 resumeKey:opt(bytes) consistency:u8
 * tag 3 Write      command:bytes                       (CommandCodec encoding, session included)
 * tag 4 Status     withDigest:u8                       (1: with the data digest)
 * tag 5 AddLearner nodeId:string address:string
 * tag 6 Promote    nodeId:string
 * tag 7 Remove     nodeId:string
 * tag 8 Transfer   targetId:string                     (empty = any)
 * tag 9 Snapshot   (empty)
 * </pre>
 *
 * <p>Stateless and thread-safe. Decoding throws only {@link ProtocolException} (MALFORMED_BODY),
 * reads every length against the remaining input before allocating, and refuses trailing bytes.
 */
public final class RequestCodec {

    /** The only version written and read so far. */
    public static final int VERSION = 1;
    /** Bytes before the body: version, tag, request id, timeout. */
    public static final int HEADER_BYTES = 1 + 1 + 8 + 4;

    static final int TAG_GET = 1;
    static final int TAG_SCAN = 2;
    static final int TAG_WRITE = 3;
    static final int TAG_STATUS = 4;
    static final int TAG_ADD_LEARNER = 5;
    static final int TAG_PROMOTE = 6;
    static final int TAG_REMOVE = 7;
    static final int TAG_TRANSFER = 8;
    static final int TAG_SNAPSHOT = 9;
    static final int TAG_SET_USER = 10;
    static final int TAG_REMOVE_USER = 11;
    static final int TAG_LIST_USERS = 12;

    private RequestCodec() {
    }

    /** Encodes {@code request}; never fails for a request the records accept. */
    public static byte[] encode(ClientRequest request) {
        Request body = request.request();
        byte[] command = body instanceof Request.Write w ? CommandCodec.encode(w.command()) : null;
        WireWriter out = new WireWriter(HEADER_BYTES + 32 + (command == null ? 0 : command.length)
                + (body instanceof Request.Get g ? g.key().length : 0));
        out.writeU8(VERSION).writeU8(tagOf(body)).writeLong(request.requestId()).writeInt(request.timeoutMillis());
        if (body instanceof Request.Get g) {
            out.writeBytes(g.key()).writeU8(g.consistency().code());
        } else if (body instanceof Request.Scan s) {
            out.writeBytes(s.from());
            writeOptional(out, s.to());
            out.writeBytes(s.prefix()).writeInt(s.limit()).writeBoolean(s.reverse());
            writeOptional(out, s.resumeKey());
            out.writeU8(s.consistency().code());
        } else if (body instanceof Request.Write) {
            out.writeBytes(command);
        } else if (body instanceof Request.Status st) {
            out.writeBoolean(st.withDigest());
        } else if (body instanceof Request.AddLearner a) {
            out.writeString(a.nodeId(), Handshake.MAX_ID_BYTES).writeString(a.address(), Handshake.MAX_ID_BYTES);
        } else if (body instanceof Request.PromoteLearner p) {
            out.writeString(p.nodeId(), Handshake.MAX_ID_BYTES);
        } else if (body instanceof Request.RemoveMember r) {
            out.writeString(r.nodeId(), Handshake.MAX_ID_BYTES);
        } else if (body instanceof Request.TransferLeadership t) {
            out.writeString(t.targetId(), Handshake.MAX_ID_BYTES);
        } else if (body instanceof Request.SetUser u) {
            out.writeString(u.user(), AuthRequest.MAX_USER_BYTES).writeBytes(u.password());
        } else if (body instanceof Request.RemoveUser u) {
            out.writeString(u.user(), AuthRequest.MAX_USER_BYTES);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one request body.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field, if the body is not exactly one
     *                           valid request of this version
     */
    public static ClientRequest decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "ClientRequest");
        long requestId = peekRequestId(body);
        in.readU8("version");
        int tag = in.readU8("tag");
        in.readLong("requestId");
        int timeoutMillis = in.readInt("timeoutMillis");
        if (timeoutMillis < 1 || timeoutMillis > ClientRequest.MAX_TIMEOUT_MILLIS) {
            throw in.malformed("timeoutMillis must be in 1.." + ClientRequest.MAX_TIMEOUT_MILLIS + ", was "
                    + timeoutMillis);
        }
        try {
            Request request = readBody(in, tag);
            in.expectEnd();
            return new ClientRequest(requestId, timeoutMillis, request);
        } catch (IllegalArgumentException e) {
            // A record refused a decoded value: the sender broke a rule the records state.
            throw in.malformed(e.getMessage());
        }
    }

    /**
     * The request id of a body, read without decoding the rest, so that a node can answer
     * BAD_REQUEST to a request it cannot decode.
     *
     * @throws ProtocolException MALFORMED_BODY if the body is shorter than the header or of
     *                           another version
     */
    public static long peekRequestId(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "ClientRequest");
        int version = in.readU8("version");
        if (version != VERSION) {
            throw in.malformed("version " + version + " is not supported; this build speaks version " + VERSION);
        }
        in.readU8("tag");
        return in.readLong("requestId");
    }

    private static Request readBody(WireReader in, int tag) throws ProtocolException {
        switch (tag) {
            case TAG_GET: {
                byte[] key = in.readBytes("key", in.remaining());
                return new Request.Get(key, ReadConsistency.fromCode(in.readU8("consistency")));
            }
            case TAG_SCAN:
                return readScan(in);
            case TAG_WRITE: {
                byte[] command = in.readBytes("command", in.remaining());
                try {
                    return new Request.Write(CommandCodec.decode(command));
                } catch (CodecException e) {
                    throw in.malformed("command: " + e.getMessage());
                }
            }
            case TAG_STATUS:
                return new Request.Status(in.readBoolean("withDigest"));
            case TAG_ADD_LEARNER: {
                String nodeId = readId(in, "nodeId");
                return new Request.AddLearner(nodeId, readId(in, "address"));
            }
            case TAG_PROMOTE:
                return new Request.PromoteLearner(readId(in, "nodeId"));
            case TAG_REMOVE:
                return new Request.RemoveMember(readId(in, "nodeId"));
            case TAG_TRANSFER:
                return new Request.TransferLeadership(in.readString("targetId", Handshake.MAX_ID_BYTES));
            case TAG_SNAPSHOT:
                return new Request.TriggerSnapshot();
            case TAG_SET_USER: {
                String user = in.readString("user", AuthRequest.MAX_USER_BYTES);
                return new Request.SetUser(user, in.readBytes("password", AuthRequest.MAX_PASSWORD_BYTES));
            }
            case TAG_REMOVE_USER:
                return new Request.RemoveUser(in.readString("user", AuthRequest.MAX_USER_BYTES));
            case TAG_LIST_USERS:
                return new Request.ListUsers();
            default:
                throw in.malformed("request tag " + tag + " is not defined by version " + VERSION);
        }
    }

    private static Request.Scan readScan(WireReader in) throws ProtocolException {
        byte[] from = in.readBytes("from", in.remaining());
        byte[] to = readOptional(in, "to");
        byte[] prefix = in.readBytes("prefix", in.remaining());
        int limit = in.readInt("limit");
        if (limit < 1 || limit > Request.MAX_SCAN_LIMIT) {
            throw in.malformed("scan limit must be in 1.." + Request.MAX_SCAN_LIMIT + ", was " + limit);
        }
        boolean reverse = in.readBoolean("reverse");
        byte[] resumeKey = readOptional(in, "resumeKey");
        ReadConsistency consistency = ReadConsistency.fromCode(in.readU8("consistency"));
        return new Request.Scan(from, to, prefix, limit, reverse, resumeKey, consistency);
    }

    private static String readId(WireReader in, String field) throws ProtocolException {
        String id = in.readString(field, Handshake.MAX_ID_BYTES);
        if (id.isEmpty()) {
            throw in.malformed(field + " must not be empty");
        }
        return id;
    }

    static void writeOptional(WireWriter out, byte[] value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeBytes(value);
        }
    }

    static byte[] readOptional(WireReader in, String field) throws ProtocolException {
        return in.readBoolean(field + " present") ? in.readBytes(field, in.remaining()) : null;
    }

    private static int tagOf(Request r) {
        if (r instanceof Request.Get) {
            return TAG_GET;
        } else if (r instanceof Request.Scan) {
            return TAG_SCAN;
        } else if (r instanceof Request.Write) {
            return TAG_WRITE;
        } else if (r instanceof Request.Status) {
            return TAG_STATUS;
        } else if (r instanceof Request.AddLearner) {
            return TAG_ADD_LEARNER;
        } else if (r instanceof Request.PromoteLearner) {
            return TAG_PROMOTE;
        } else if (r instanceof Request.RemoveMember) {
            return TAG_REMOVE;
        } else if (r instanceof Request.TransferLeadership) {
            return TAG_TRANSFER;
        } else if (r instanceof Request.TriggerSnapshot) {
            return TAG_SNAPSHOT;
        } else if (r instanceof Request.SetUser) {
            return TAG_SET_USER;
        } else if (r instanceof Request.RemoveUser) {
            return TAG_REMOVE_USER;
        } else if (r instanceof Request.ListUsers) {
            return TAG_LIST_USERS;
        }
        throw new IllegalStateException("unknown request " + r);
    }
}
