package io.raftkv.client.protocol;

/**
 * The fixed 16-byte frame header, big-endian (docs/protocol.md has the table):
 *
 * <pre>
 * offset size field
 *  0      4   magic 0x524B5646 ("RKVF")
 *  4      1   protocol version (unsigned)
 *  5      1   frame type code (unsigned, see {@link FrameType})
 *  6      1   flags: bit 0 = CRC32C present; other bits must be 0
 *  7      1   reserved, must be 0
 *  8      4   body length in bytes (signed int, 0 .. limit - 16)
 * 12      4   CRC32C of bytes 0..11 then the body, when flag bit 0 is set; else 0
 * 16      n   body
 * </pre>
 *
 * <p>The layout of the header and of the {@link Handshake} body is frozen across versions, so
 * that a node can always read a newer peer's handshake and refuse it with a reason.
 */
public final class FrameHeader {

    /** "RKVF" in ASCII. */
    public static final int MAGIC = 0x524B5646;
    /** Header size in bytes; a frame is this plus its body. */
    public static final int BYTES = 16;
    /**
     * The only protocol version this build speaks. Version 4 added the AUTH step of CLIENT
     * connections; a version 1 sender is refused at the handshake with REFUSED_VERSION.
     *
     * <p>Versions 2 and 3 are never used: the version is byte 4 of a connection, where a TLS port
     * looks for an SSLv2 hello's major version (2 or 3). With those values a plaintext client on a
     * TLS port would look like the start of an SSLv2 record and wait instead of failing at once
     * as "not an SSL/TLS record" (TlsTransportTest).
     */
    public static final int CURRENT_VERSION = 4;
    /** Flag bit: the CRC32C field covers header bytes 0..11 and the body. */
    public static final int FLAG_CRC32C = 0x01;
    /** Every flag bit this version defines; the others must be zero. */
    public static final int KNOWN_FLAGS = FLAG_CRC32C;

    static final int VERSION_OFFSET = 4;
    static final int TYPE_OFFSET = 5;
    static final int FLAGS_OFFSET = 6;
    static final int RESERVED_OFFSET = 7;
    static final int LENGTH_OFFSET = 8;
    static final int CRC_OFFSET = 12;

    private FrameHeader() {
    }
}
