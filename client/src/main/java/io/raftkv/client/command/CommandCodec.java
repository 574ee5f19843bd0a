package io.raftkv.client.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary encoding of {@link Command} and {@link CommandResult}. Layout (varint =
 * unsigned LEB128, bytes = varint length then the bytes):
 *
 * <pre>
 * command   := version=1 kind session ops
 * kind      := 1 (single) | 2 (batch)
 * session   := clientId:varint sequence:varint          (0 0 = no session)
 * ops       := op                                        (single)
 *            | count:varint op{count}                    (batch, count &gt;= 1)
 * op        := 1 key:bytes value:bytes condition         (put)
 *            | 2 key:bytes condition                     (delete)
 * condition := 0 none | 1 absent | 2 exists | 3 expected:bytes | 4 modIndex:varint
 * group     := version=1 kind=3 count:varint command:bytes{count}
 *              (count &gt;= 1; each a single or batch command, applied one after the other, each with
 *              its own session and result: the leader's way to put many clients' writes in one entry)
 * result    := version=1 applied:0|1 failedOp+1:varint count:varint
 *              (flags:byte modIndex:varint){count}        flags bit0 applied, bit1 existedBefore
 * </pre>
 *
 * <p>Stateless and thread-safe. Decoding never throws anything but {@link CodecException} and
 * never allocates more than the remaining input can hold.
 */
public final class CommandCodec {

    /** The only version written and read so far. */
    public static final int VERSION = 1;

    private static final int KIND_SINGLE = 1;
    private static final int KIND_BATCH = 2;
    private static final int KIND_GROUP = 3;
    // smallest encoded command: version, kind, session 0 0, then a single op
    private static final int MIN_COMMAND_BYTES = 4 + 3;
    private static final int OP_PUT = 1;
    private static final int OP_DELETE = 2;
    private static final int COND_NONE = 0;
    private static final int COND_ABSENT = 1;
    private static final int COND_EXISTS = 2;
    private static final int COND_VALUE_EQUALS = 3;
    private static final int COND_MOD_INDEX_EQUALS = 4;
    // smallest encoded op: tag, key length 0, condition tag
    private static final int MIN_OP_BYTES = 3;
    // smallest encoded op result: flags, modIndex 0
    private static final int MIN_RESULT_BYTES = 2;

    private CommandCodec() {
    }

    /** Encodes {@code command}. Does not check {@link CommandLimits}. */
    public static byte[] encode(Command command) {
        int estimate = 16;
        for (Op op : command.ops()) {
            estimate += 8 + op.key().length + (op instanceof Put p ? p.value().length : 0);
        }
        ByteWriter w = new ByteWriter(estimate);
        w.writeByte(VERSION);
        w.writeByte(command instanceof Command.Batch ? KIND_BATCH : KIND_SINGLE);
        w.writeVarLong(command.session().clientId());
        w.writeVarLong(command.session().sequence());
        if (command instanceof Command.Batch b) {
            w.writeVarLong(b.ops().size());
        }
        for (Op op : command.ops()) {
            writeOp(w, op);
        }
        return w.toByteArray();
    }

    /**
     * Decodes a command written by {@link #encode}.
     *
     * @throws CodecException if {@code bytes} is not exactly one valid encoded command
     */
    public static Command decode(byte[] bytes) throws CodecException {
        ByteReader r = reader(bytes, "command");
        int kind = r.readByte("command kind");
        long clientId = r.readVarLong("session clientId");
        long sequence = r.readVarLong("session sequence");
        if ((clientId == 0) != (sequence == 0)) {
            throw new CodecException("session clientId " + clientId + " and sequence " + sequence
                    + " must be both 0 or both positive");
        }
        Session session = clientId == 0 ? Session.NONE : new Session(clientId, sequence);
        Command command;
        if (kind == KIND_SINGLE) {
            command = new Command.Single(session, readOp(r));
        } else if (kind == KIND_BATCH) {
            long count = r.readVarLong("batch op count", 1, r.remaining() / MIN_OP_BYTES);
            List<Op> ops = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                ops.add(readOp(r));
            }
            command = new Command.Batch(session, ops);
        } else {
            throw new CodecException("unknown command kind " + kind + " at byte 1");
        }
        r.expectEnd("command");
        return command;
    }

    /** True if {@code payload} is (claims to be) a {@link #encodeGroup group}; cheap, no decoding. */
    public static boolean isGroup(byte[] payload) {
        return payload != null && payload.length >= 2 && payload[0] == VERSION && payload[1] == KIND_GROUP;
    }

    /**
     * Encodes encoded commands as one group payload: independent commands, applied in order, each
     * with its own session and result. Does not check {@link CommandLimits}.
     *
     * @throws IllegalArgumentException if {@code commands} is empty or holds a group
     */
    public static byte[] encodeGroup(List<byte[]> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a group holds at least one command");
        }
        int size = 8;
        for (byte[] c : commands) {
            if (isGroup(c)) {
                throw new IllegalArgumentException("a group cannot hold a group");
            }
            size += 5 + c.length;
        }
        ByteWriter w = new ByteWriter(size);
        w.writeByte(VERSION);
        w.writeByte(KIND_GROUP);
        w.writeVarLong(commands.size());
        for (byte[] c : commands) {
            w.writeBytes(c);
        }
        return w.toByteArray();
    }

    /**
     * The encoded commands of a group written by {@link #encodeGroup}, not yet decoded (each decodes
     * with {@link #decode}, or fails alone).
     *
     * @throws CodecException if {@code bytes} is not exactly one group of at least one member, or a
     *                        member is itself a group
     */
    public static List<byte[]> decodeGroup(byte[] bytes) throws CodecException {
        ByteReader r = reader(bytes, "group");
        int kind = r.readByte("group kind");
        if (kind != KIND_GROUP) {
            throw new CodecException("kind " + kind + " at byte 1 is not a group");
        }
        long count = r.readVarLong("group command count", 1, r.remaining() / (1 + MIN_COMMAND_BYTES));
        List<byte[]> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            byte[] c = r.readBytes("group command " + i);
            if (isGroup(c)) {
                throw new CodecException("group command " + i + " is itself a group");
            }
            out.add(c);
        }
        r.expectEnd("group");
        return out;
    }

    /**
     * The encoded commands a COMMAND entry's payload carries, not yet decoded: the payload itself,
     * or the members of a {@link #encodeGroup group}.
     *
     * @throws CodecException if the payload claims to be a group and is not a valid one
     */
    public static List<byte[]> commands(byte[] payload) throws CodecException {
        return isGroup(payload) ? decodeGroup(payload) : List.of(payload);
    }

    /** Encodes a command's result, for the answer to the client. */
    public static byte[] encodeResult(CommandResult result) {
        ByteWriter w = new ByteWriter(8 + result.ops().size() * 4);
        w.writeByte(VERSION);
        w.writeByte(result.applied() ? 1 : 0);
        w.writeVarLong(result.failedOp() + 1L);
        w.writeVarLong(result.ops().size());
        for (OpResult op : result.ops()) {
            w.writeByte((op.applied() ? 1 : 0) | (op.existedBefore() ? 2 : 0));
            w.writeVarLong(op.modIndex());
        }
        return w.toByteArray();
    }

    /**
     * Decodes a result written by {@link #encodeResult}.
     *
     * @throws CodecException if {@code bytes} is not exactly one valid encoded result
     */
    public static CommandResult decodeResult(byte[] bytes) throws CodecException {
        ByteReader r = reader(bytes, "result");
        int applied = r.readByte("result applied flag");
        if (applied > 1) {
            throw new CodecException("result applied flag is " + applied + ", expected 0 or 1");
        }
        long failedPlusOne = r.readVarLong("failed op");
        long count = r.readVarLong("result count", 1, r.remaining() / MIN_RESULT_BYTES);
        if ((applied == 1) != (failedPlusOne == 0) || failedPlusOne > count) {
            throw new CodecException("failed op " + (failedPlusOne - 1) + " inconsistent with applied="
                    + applied + " and " + count + " results");
        }
        List<OpResult> ops = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            int flags = r.readByte("op result flags");
            if (flags > 3) {
                throw new CodecException("op result flags " + flags + " has unknown bits");
            }
            ops.add(new OpResult((flags & 1) != 0, (flags & 2) != 0, r.readVarLong("op result modIndex")));
        }
        r.expectEnd("result");
        return new CommandResult(applied == 1, (int) (failedPlusOne - 1), ops);
    }

    /** A reader over {@code bytes} past its version byte, which must be {@link #VERSION}. */
    private static ByteReader reader(byte[] bytes, String what) throws CodecException {
        if (bytes == null) {
            throw new CodecException("no bytes to decode (null)");
        }
        ByteReader r = new ByteReader(bytes);
        int version = r.readByte(what + " version");
        if (version != VERSION) {
            throw new CodecException("unknown " + what + " encoding version " + version + "; this build reads " + VERSION);
        }
        return r;
    }

    private static void writeOp(ByteWriter w, Op op) {
        if (op instanceof Put p) {
            w.writeByte(OP_PUT);
            w.writeBytes(p.key());
            w.writeBytes(p.value());
        } else if (op instanceof Delete d) {
            w.writeByte(OP_DELETE);
            w.writeBytes(d.key());
        } else {
            throw new IllegalStateException("unknown op " + op);
        }
        writeCondition(w, op.condition());
    }

    private static void writeCondition(ByteWriter w, Condition c) {
        if (c instanceof Condition.None) {
            w.writeByte(COND_NONE);
        } else if (c instanceof Condition.Absent) {
            w.writeByte(COND_ABSENT);
        } else if (c instanceof Condition.Exists) {
            w.writeByte(COND_EXISTS);
        } else if (c instanceof Condition.ValueEquals v) {
            w.writeByte(COND_VALUE_EQUALS);
            w.writeBytes(v.expected());
        } else if (c instanceof Condition.ModIndexEquals m) {
            w.writeByte(COND_MOD_INDEX_EQUALS);
            w.writeVarLong(m.modIndex());
        } else {
            throw new IllegalStateException("unknown condition " + c);
        }
    }

    private static Op readOp(ByteReader r) throws CodecException {
        int at = r.position();
        int tag = r.readByte("op tag");
        if (tag == OP_PUT) {
            byte[] key = r.readBytes("put key");
            byte[] value = r.readBytes("put value");
            return new Put(key, value, readCondition(r));
        }
        if (tag == OP_DELETE) {
            byte[] key = r.readBytes("delete key");
            return new Delete(key, readCondition(r));
        }
        throw new CodecException("unknown op tag " + tag + " at byte " + at);
    }

    private static Condition readCondition(ByteReader r) throws CodecException {
        int at = r.position();
        int tag = r.readByte("condition tag");
        switch (tag) {
            case COND_NONE:
                return Condition.NONE;
            case COND_ABSENT:
                return Condition.ABSENT;
            case COND_EXISTS:
                return Condition.EXISTS;
            case COND_VALUE_EQUALS:
                return new Condition.ValueEquals(r.readBytes("expected value"));
            case COND_MOD_INDEX_EQUALS:
                return new Condition.ModIndexEquals(r.readVarLong("expected modIndex"));
            default:
                throw new CodecException("unknown condition tag " + tag + " at byte " + at);
        }
    }
}
