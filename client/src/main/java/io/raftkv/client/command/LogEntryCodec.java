package io.raftkv.client.command;

import io.raftkv.client.log.EntryType;
import io.raftkv.client.log.LogEntry;

/**
 * The versioned binary encoding of a {@link LogEntry}, as stored in the log databases:
 * {@code version=1 type:byte term:varint index:varint payload:bytes}. The index is stored even
 * though the storage key holds it too, so a misplaced record is detected on read.
 *
 * <p>Stateless and thread-safe. Decoding throws only {@link CodecException}.
 */
public final class LogEntryCodec {

    /** The only version written and read so far. */
    public static final int VERSION = 1;

    private LogEntryCodec() {
    }

    /** Encodes {@code entry}. */
    public static byte[] encode(LogEntry entry) {
        ByteWriter w = new ByteWriter(entry.payload().length + 24);
        w.writeByte(VERSION);
        w.writeByte(entry.type().code());
        w.writeVarLong(entry.term());
        w.writeVarLong(entry.index());
        w.writeBytes(entry.payload());
        return w.toByteArray();
    }

    /**
     * Decodes an entry written by {@link #encode}.
     *
     * @throws CodecException if {@code bytes} is not exactly one valid encoded entry
     */
    public static LogEntry decode(byte[] bytes) throws CodecException {
        if (bytes == null) {
            throw new CodecException("no bytes to decode (null)");
        }
        ByteReader r = new ByteReader(bytes);
        int version = r.readByte("log entry version");
        if (version != VERSION) {
            throw new CodecException("unknown log entry encoding version " + version + "; this build reads " + VERSION);
        }
        int code = r.readByte("entry type");
        EntryType type = EntryType.ofCode(code);
        if (type == null) {
            throw new CodecException("unknown entry type " + code + " at byte 1");
        }
        long term = r.readVarLong("entry term", 1, Long.MAX_VALUE);
        long index = r.readVarLong("entry index", 1, Long.MAX_VALUE);
        byte[] payload = r.readBytes("entry payload");
        r.expectEnd("log entry");
        return new LogEntry(term, index, type, payload);
    }
}
