package io.raftkv.client.rpc;

import io.raftkv.client.command.CodecException;
import io.raftkv.client.command.CommandCodec;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.WireReader;
import io.raftkv.client.protocol.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary encoding of {@link ClientResponse}, the body of a CLIENT_RESPONSE frame.
 * Same primitives as {@link RequestCodec}:
 *
 * <pre>
 * response := version=1:u8 tag:u8 requestId:i64 body
 * tag 1  GetResult    value:opt(bytes) modIndex:i64
 * tag 2  ScanResult   count:i32 (key:bytes value:bytes modIndex:i64){count} resumeKey:opt(bytes)
 * tag 3  WriteResult  index:i64 result:bytes             (CommandCodec result encoding)
 * tag 4  StatusResult nodeId:string role:u8 term:i64 commitIndex:i64 appliedIndex:i64
 *                     leaderId:string leaderAddress:string
 *                     count:i32 (nodeId:string address:string memberRole:u8){count} digest:bytes
 * tag 5  AdminResult  index:i64 detail:string
 * tag 15 Error        code:u8 message:string leaderId:string leaderAddress:string limitName:string
 * </pre>
 *
 * <p>Stateless and thread-safe. Decoding throws only {@link ProtocolException} (MALFORMED_BODY),
 * reads every length and count against the remaining input before allocating, and refuses
 * trailing bytes.
 */
public final class ResponseCodec {

    /** The only version written and read so far. */
    public static final int VERSION = 1;

    static final int TAG_GET = 1;
    static final int TAG_SCAN = 2;
    static final int TAG_WRITE = 3;
    static final int TAG_STATUS = 4;
    static final int TAG_ADMIN = 5;
    static final int TAG_ERROR = 15;

    // smallest encoded scan entry: two empty byte arrays and a modIndex
    private static final int MIN_KEY_VALUE_BYTES = 4 + 4 + 8;
    // smallest encoded member: two string lengths, one id byte, a role
    private static final int MIN_MEMBER_BYTES = 2 + 1 + 2 + 1;

    private ResponseCodec() {
    }

    /** Encodes {@code response}; never fails for a response the records accept. */
    public static byte[] encode(ClientResponse response) {
        Response body = response.response();
        WireWriter out = new WireWriter(64 + estimate(body));
        out.writeU8(VERSION).writeU8(tagOf(body)).writeLong(response.requestId());
        if (body instanceof Response.GetResult g) {
            RequestCodec.writeOptional(out, g.value());
            out.writeLong(g.modIndex());
        } else if (body instanceof Response.ScanResult s) {
            out.writeInt(s.entries().size());
            for (KeyValue kv : s.entries()) {
                out.writeBytes(kv.key()).writeBytes(kv.value()).writeLong(kv.modIndex());
            }
            RequestCodec.writeOptional(out, s.resumeKey());
        } else if (body instanceof Response.WriteResult w) {
            out.writeLong(w.index()).writeBytes(CommandCodec.encodeResult(w.result()));
        } else if (body instanceof Response.StatusResult st) {
            writeStatus(out, st.status());
        } else if (body instanceof Response.AdminResult a) {
            out.writeLong(a.index()).writeString(a.detail(), Response.AdminResult.MAX_DETAIL_BYTES);
        } else if (body instanceof ErrorResponse e) {
            out.writeU8(e.code().code())
                    .writeString(e.message(), ErrorResponse.MAX_MESSAGE_BYTES)
                    .writeString(e.leaderId(), Handshake.MAX_ID_BYTES)
                    .writeString(e.leaderAddress(), Handshake.MAX_ID_BYTES)
                    .writeString(e.limitName(), Handshake.MAX_ID_BYTES);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one response body.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field, if the body is not exactly one
     *                           valid response of this version
     */
    public static ClientResponse decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "ClientResponse");
        int version = in.readU8("version");
        if (version != VERSION) {
            throw in.malformed("version " + version + " is not supported; this build speaks version " + VERSION);
        }
        int tag = in.readU8("tag");
        long requestId = in.readLong("requestId");
        try {
            Response response = readBody(in, tag);
            in.expectEnd();
            return new ClientResponse(requestId, response);
        } catch (IllegalArgumentException e) {
            // A record refused a decoded value: the sender broke a rule the records state.
            throw in.malformed(e.getMessage());
        }
    }

    private static Response readBody(WireReader in, int tag) throws ProtocolException {
        switch (tag) {
            case TAG_GET: {
                byte[] value = RequestCodec.readOptional(in, "value");
                return new Response.GetResult(value, in.readLong("modIndex"));
            }
            case TAG_SCAN: {
                int count = in.readCount("entry count", Integer.MAX_VALUE, MIN_KEY_VALUE_BYTES);
                List<KeyValue> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    byte[] key = in.readBytes("key", in.remaining());
                    byte[] value = in.readBytes("value", in.remaining());
                    entries.add(new KeyValue(key, value, in.readLong("modIndex")));
                }
                return new Response.ScanResult(entries, RequestCodec.readOptional(in, "resumeKey"));
            }
            case TAG_WRITE: {
                long index = in.readLong("index");
                byte[] result = in.readBytes("result", in.remaining());
                try {
                    return new Response.WriteResult(index, CommandCodec.decodeResult(result));
                } catch (CodecException e) {
                    throw in.malformed("result: " + e.getMessage());
                }
            }
            case TAG_STATUS:
                return new Response.StatusResult(readStatus(in));
            case TAG_ADMIN: {
                long index = in.readLong("index");
                return new Response.AdminResult(index, in.readString("detail", Response.AdminResult.MAX_DETAIL_BYTES));
            }
            case TAG_ERROR: {
                ErrorCode code = ErrorCode.fromCode(in.readU8("error code"));
                String message = in.readString("message", ErrorResponse.MAX_MESSAGE_BYTES);
                String leaderId = in.readString("leaderId", Handshake.MAX_ID_BYTES);
                String leaderAddress = in.readString("leaderAddress", Handshake.MAX_ID_BYTES);
                String limitName = in.readString("limitName", Handshake.MAX_ID_BYTES);
                return new ErrorResponse(code, message, leaderId, leaderAddress, limitName);
            }
            default:
                throw in.malformed("response tag " + tag + " is not defined by version " + VERSION);
        }
    }

    private static void writeStatus(WireWriter out, ClusterStatus s) {
        out.writeString(s.nodeId(), Handshake.MAX_ID_BYTES)
                .writeU8(s.role().code())
                .writeLong(s.term())
                .writeLong(s.commitIndex())
                .writeLong(s.appliedIndex())
                .writeString(s.leaderId(), Handshake.MAX_ID_BYTES)
                .writeString(s.leaderAddress(), Handshake.MAX_ID_BYTES)
                .writeInt(s.members().size());
        for (MemberInfo m : s.members()) {
            out.writeString(m.nodeId(), Handshake.MAX_ID_BYTES)
                    .writeString(m.address(), Handshake.MAX_ID_BYTES)
                    .writeU8(m.role().code());
        }
        out.writeBytes(s.dataDigest());
    }

    private static ClusterStatus readStatus(WireReader in) throws ProtocolException {
        String nodeId = in.readString("nodeId", Handshake.MAX_ID_BYTES);
        NodeRole role = NodeRole.fromCode(in.readU8("role"));
        long term = in.readLong("term");
        long commitIndex = in.readLong("commitIndex");
        long appliedIndex = in.readLong("appliedIndex");
        String leaderId = in.readString("leaderId", Handshake.MAX_ID_BYTES);
        String leaderAddress = in.readString("leaderAddress", Handshake.MAX_ID_BYTES);
        int count = in.readCount("member count", Integer.MAX_VALUE, MIN_MEMBER_BYTES);
        List<MemberInfo> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = in.readString("member nodeId", Handshake.MAX_ID_BYTES);
            String address = in.readString("member address", Handshake.MAX_ID_BYTES);
            members.add(new MemberInfo(id, address, MemberRole.fromCode(in.readU8("member role"))));
        }
        byte[] digest = in.readBytes("dataDigest", ClusterStatus.MAX_DIGEST_BYTES);
        return new ClusterStatus(nodeId, role, term, commitIndex, appliedIndex, leaderId, leaderAddress, members,
                digest);
    }

    private static int estimate(Response body) {
        if (body instanceof Response.GetResult g && g.value() != null) {
            return g.value().length;
        }
        if (body instanceof Response.ScanResult s) {
            int n = 0;
            for (KeyValue kv : s.entries()) {
                n += 16 + kv.key().length + kv.value().length;
            }
            return n;
        }
        return 64;
    }

    private static int tagOf(Response r) {
        if (r instanceof Response.GetResult) {
            return TAG_GET;
        } else if (r instanceof Response.ScanResult) {
            return TAG_SCAN;
        } else if (r instanceof Response.WriteResult) {
            return TAG_WRITE;
        } else if (r instanceof Response.StatusResult) {
            return TAG_STATUS;
        } else if (r instanceof Response.AdminResult) {
            return TAG_ADMIN;
        } else if (r instanceof ErrorResponse) {
            return TAG_ERROR;
        }
        throw new IllegalStateException("unknown response " + r);
    }
}
