package io.raftkv.node.transport;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.ProtocolException;
import io.raftkv.client.protocol.WireReader;
import io.raftkv.client.protocol.WireWriter;
import io.raftkv.node.raft.AppendEntries;
import io.raftkv.node.raft.AppendEntriesResponse;
import io.raftkv.node.raft.Heartbeat;
import io.raftkv.node.raft.HeartbeatResponse;
import io.raftkv.node.raft.InstallSnapshot;
import io.raftkv.node.raft.InstallSnapshotResponse;
import io.raftkv.node.raft.Membership;
import io.raftkv.node.raft.Message;
import io.raftkv.node.raft.ReadIndexRequest;
import io.raftkv.node.raft.ReadIndexResponse;
import io.raftkv.node.raft.RequestVote;
import io.raftkv.node.raft.RequestVoteResponse;
import io.raftkv.node.raft.Snapshot;
import io.raftkv.node.raft.SnapshotMeta;
import io.raftkv.node.raft.TimeoutNow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of a RAFT_MESSAGE frame: every {@link Message} record, big-endian.
 *
 * <pre>
 * u8 codec version (1) | u8 tag | string from | string to | i64 term | fields of the tag, in record order
 * string = u16 length + UTF-8 (at most 255 bytes); bytes = i32 length + bytes; boolean = u8 0|1
 * entry  = i64 term, i64 index, u8 EntryType code, bytes payload
 * </pre>
 *
 * <p>Decoding never throws anything but {@link ProtocolException} (MALFORMED_BODY), whatever
 * the input, and allocates nothing a length or count claims unless the remaining bytes can hold
 * it. Receivers should decode with {@link #decodeFrom}, which also checks that {@code from} is
 * the peer id proven in the handshake.
 *
 * <p>Thread-safe: stateless.
 */
public final class RaftMessageCodec {

    /** Bumped when a layout changes; a decoder refuses versions it does not know. */
    public static final int VERSION = 1;

    private static final int REQUEST_VOTE = 1;
    private static final int REQUEST_VOTE_RESPONSE = 2;
    private static final int APPEND_ENTRIES = 3;
    private static final int APPEND_ENTRIES_RESPONSE = 4;
    private static final int HEARTBEAT = 5;
    private static final int HEARTBEAT_RESPONSE = 6;
    private static final int INSTALL_SNAPSHOT = 7;
    private static final int INSTALL_SNAPSHOT_RESPONSE = 8;
    private static final int TIMEOUT_NOW = 9;
    private static final int READ_INDEX_REQUEST = 10;
    private static final int READ_INDEX_RESPONSE = 11;

    /** Smallest encoded entry: two longs, a type byte and an empty payload's length. */
    private static final int MIN_ENTRY_BYTES = 8 + 8 + 1 + 4;
    /** Smallest encoded member id: its u16 length and one byte. */
    private static final int MIN_ID_BYTES = 3;

    private RaftMessageCodec() {
    }

    /**
     * Encodes a message as a frame body.
     *
     * @throws IllegalArgumentException if an id is empty or longer than 255 UTF-8 bytes
     */
    public static byte[] encode(Message message) {
        WireWriter out = new WireWriter(64 + payloadHint(message));
        out.writeU8(VERSION).writeU8(tagOf(message))
                .writeString(message.from(), Handshake.MAX_ID_BYTES)
                .writeString(message.to(), Handshake.MAX_ID_BYTES)
                .writeLong(message.term());
        if (message instanceof RequestVote m) {
            out.writeLong(m.lastLogIndex()).writeLong(m.lastLogTerm()).writeBoolean(m.preVote())
                    .writeBoolean(m.leadershipTransfer());
        } else if (message instanceof RequestVoteResponse m) {
            out.writeBoolean(m.granted()).writeBoolean(m.preVote());
        } else if (message instanceof AppendEntries m) {
            out.writeLong(m.prevIndex()).writeLong(m.prevTerm()).writeInt(m.entries().size());
            for (LogEntry e : m.entries()) {
                out.writeLong(e.term()).writeLong(e.index()).writeU8(e.type().code()).writeBytes(e.payload());
            }
            out.writeLong(m.leaderCommit());
        } else if (message instanceof AppendEntriesResponse m) {
            out.writeBoolean(m.success()).writeLong(m.index()).writeLong(m.conflictIndex())
                    .writeLong(m.conflictTerm());
        } else if (message instanceof Heartbeat m) {
            out.writeLong(m.commit()).writeLong(m.context());
        } else if (message instanceof HeartbeatResponse m) {
            out.writeLong(m.context());
        } else if (message instanceof InstallSnapshot m) {
            SnapshotMeta meta = m.snapshot().meta();
            out.writeLong(meta.index()).writeLong(meta.term());
            writeIds(out, meta.membership().voters());
            writeIds(out, meta.membership().learners());
            out.writeBytes(m.snapshot().data());
        } else if (message instanceof InstallSnapshotResponse m) {
            out.writeLong(m.index()).writeBoolean(m.accepted());
        } else if (message instanceof TimeoutNow) {
            // from, to and term say it all
        } else if (message instanceof ReadIndexRequest m) {
            out.writeLong(m.requestId());
        } else if (message instanceof ReadIndexResponse m) {
            out.writeLong(m.requestId()).writeLong(m.readIndex()).writeBoolean(m.ok());
        } else {
            throw new IllegalArgumentException("no encoding for " + message.getClass().getName());
        }
        return out.toByteArray();
    }

    /**
     * Decodes a frame body written by {@link #encode}.
     *
     * @throws ProtocolException MALFORMED_BODY naming the field, for an unknown version or tag,
     *                           a short or overlong body, an out-of-range value, or a count or
     *                           length the remaining bytes cannot hold
     */
    public static Message decode(byte[] body) throws ProtocolException {
        WireReader in = new WireReader(body, "RaftMessage");
        int version = in.readU8("codec version");
        if (version != VERSION) {
            throw in.malformed("codec version " + version + " is not supported; this node reads " + VERSION);
        }
        int tag = in.readU8("tag");
        String from = readId(in, "from");
        String to = readId(in, "to");
        long term = in.readLong("term");
        Message message;
        try {
            message = switch (tag) {
                case REQUEST_VOTE -> new RequestVote(from, to, term, in.readLong("lastLogIndex"),
                        in.readLong("lastLogTerm"), in.readBoolean("preVote"), in.readBoolean("leadershipTransfer"));
                case REQUEST_VOTE_RESPONSE -> new RequestVoteResponse(from, to, term, in.readBoolean("granted"),
                        in.readBoolean("preVote"));
                case APPEND_ENTRIES -> readAppendEntries(in, from, to, term);
                case APPEND_ENTRIES_RESPONSE -> new AppendEntriesResponse(from, to, term, in.readBoolean("success"),
                        in.readLong("index"), in.readLong("conflictIndex"), in.readLong("conflictTerm"));
                case HEARTBEAT -> new Heartbeat(from, to, term, in.readLong("commit"), in.readLong("context"));
                case HEARTBEAT_RESPONSE -> new HeartbeatResponse(from, to, term, in.readLong("context"));
                case INSTALL_SNAPSHOT -> readInstallSnapshot(in, from, to, term);
                case INSTALL_SNAPSHOT_RESPONSE -> new InstallSnapshotResponse(from, to, term, in.readLong("index"),
                        in.readBoolean("accepted"));
                case TIMEOUT_NOW -> new TimeoutNow(from, to, term);
                case READ_INDEX_REQUEST -> new ReadIndexRequest(from, to, term, in.readLong("requestId"));
                case READ_INDEX_RESPONSE -> new ReadIndexResponse(from, to, term, in.readLong("requestId"),
                        in.readLong("readIndex"), in.readBoolean("ok"));
                default -> throw in.malformed("tag " + tag + " is not a Raft message");
            };
        } catch (IllegalArgumentException e) {
            // A record constructor rejected a decoded value (e.g. entry index 0, voter also learner).
            throw in.malformed(e.getMessage());
        }
        in.expectEnd();
        return message;
    }

    /**
     * Decodes a frame body received from {@code peerId} and checks that the message claims to
     * come from that peer, so one member cannot speak for another.
     *
     * @param peerId the id the connection proved in its handshake
     * @throws ProtocolException MALFORMED_BODY as for {@link #decode}, or naming both ids when
     *                           {@code from} differs from {@code peerId}
     */
    public static Message decodeFrom(String peerId, byte[] body) throws ProtocolException {
        Message message = decode(body);
        if (!message.from().equals(peerId)) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED_BODY, "RaftMessage: "
                    + message.getClass().getSimpleName() + " claims to be from '" + message.from()
                    + "' but arrived on the connection of peer '" + peerId + "'");
        }
        return message;
    }

    private static AppendEntries readAppendEntries(WireReader in, String from, String to, long term)
            throws ProtocolException {
        long prevIndex = in.readLong("prevIndex");
        long prevTerm = in.readLong("prevTerm");
        int count = in.readCount("entries count", Integer.MAX_VALUE, MIN_ENTRY_BYTES);
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long entryTerm = in.readLong("entry term");
            long entryIndex = in.readLong("entry index");
            int code = in.readU8("entry type");
            EntryType type = EntryType.ofCode(code);
            if (type == null) {
                throw in.malformed("entry type code " + code + " is not defined");
            }
            entries.add(new LogEntry(entryTerm, entryIndex, type, in.readBytes("entry payload", Integer.MAX_VALUE)));
        }
        return new AppendEntries(from, to, term, prevIndex, prevTerm, entries, in.readLong("leaderCommit"));
    }

    private static InstallSnapshot readInstallSnapshot(WireReader in, String from, String to, long term)
            throws ProtocolException {
        long index = in.readLong("snapshot index");
        long snapshotTerm = in.readLong("snapshot term");
        Set<String> voters = readIds(in, "voters");
        Set<String> learners = readIds(in, "learners");
        byte[] data = in.readBytes("snapshot data", Integer.MAX_VALUE);
        return new InstallSnapshot(from, to, term,
                new Snapshot(new SnapshotMeta(index, snapshotTerm, new Membership(voters, learners)), data));
    }

    private static void writeIds(WireWriter out, Set<String> ids) {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeString(id, Handshake.MAX_ID_BYTES);
        }
    }

    private static Set<String> readIds(WireReader in, String field) throws ProtocolException {
        int count = in.readCount(field + " count", Integer.MAX_VALUE, MIN_ID_BYTES);
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            if (!ids.add(readId(in, field))) {
                throw in.malformed(field + " lists a member twice");
            }
        }
        return ids;
    }

    private static String readId(WireReader in, String field) throws ProtocolException {
        String id = in.readString(field, Handshake.MAX_ID_BYTES);
        if (id.isEmpty()) {
            throw in.malformed(field + " must not be empty");
        }
        return id;
    }

    private static int tagOf(Message m) {
        if (m instanceof RequestVote) {
            return REQUEST_VOTE;
        } else if (m instanceof RequestVoteResponse) {
            return REQUEST_VOTE_RESPONSE;
        } else if (m instanceof AppendEntries) {
            return APPEND_ENTRIES;
        } else if (m instanceof AppendEntriesResponse) {
            return APPEND_ENTRIES_RESPONSE;
        } else if (m instanceof Heartbeat) {
            return HEARTBEAT;
        } else if (m instanceof HeartbeatResponse) {
            return HEARTBEAT_RESPONSE;
        } else if (m instanceof InstallSnapshot) {
            return INSTALL_SNAPSHOT;
        } else if (m instanceof InstallSnapshotResponse) {
            return INSTALL_SNAPSHOT_RESPONSE;
        } else if (m instanceof TimeoutNow) {
            return TIMEOUT_NOW;
        } else if (m instanceof ReadIndexRequest) {
            return READ_INDEX_REQUEST;
        } else if (m instanceof ReadIndexResponse) {
            return READ_INDEX_RESPONSE;
        }
        throw new IllegalArgumentException("no tag for " + m.getClass().getName());
    }

    private static int payloadHint(Message m) {
        if (m instanceof AppendEntries a) {
            long sum = 0;
            for (LogEntry e : a.entries()) {
                sum += e.payload().length + MIN_ENTRY_BYTES;
            }
            return (int) Math.min(sum, Integer.MAX_VALUE - 128);
        }
        if (m instanceof InstallSnapshot s) {
            return s.snapshot().data().length + 64;
        }
        return 0;
    }
}
