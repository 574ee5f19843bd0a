package io.raftkv.node.storage;

/**
 * A range read of {@code data}: keys in {@code [from, to)} that start with {@code prefix}, in
 * unsigned byte order, ascending or descending, at most {@code limit} of them, continuing after
 * {@code resumeAfter} (the {@link ScanPage#resumeAfter()} of the previous page). Null bounds are
 * open. Byte arrays are not copied.
 *
 * @param from        lowest key, inclusive, or null
 * @param to          highest key, exclusive, or null
 * @param prefix      required key prefix, or null
 * @param limit       most keys returned, at least 1
 * @param descending  true for descending key order
 * @param resumeAfter the last key of the previous page (excluded), or null for the first page
 */
public record ScanRequest(byte[] from, byte[] to, byte[] prefix, int limit, boolean descending, byte[] resumeAfter) {

    public static final int DEFAULT_LIMIT = 1000;

    public ScanRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("scan limit must be at least 1, was " + limit);
        }
    }

    /** Every key, ascending, {@link #DEFAULT_LIMIT} per page. */
    public static ScanRequest all() {
        return new ScanRequest(null, null, null, DEFAULT_LIMIT, false, null);
    }

    /** Keys in {@code [from, to)}, ascending. */
    public static ScanRequest range(byte[] from, byte[] to) {
        return new ScanRequest(from, to, null, DEFAULT_LIMIT, false, null);
    }

    /** Keys starting with {@code prefix}, ascending. */
    public static ScanRequest prefix(byte[] prefix) {
        return new ScanRequest(null, null, prefix, DEFAULT_LIMIT, false, null);
    }

    /** The same scan returning at most {@code n} keys per page. */
    public ScanRequest withLimit(int n) {
        return new ScanRequest(from, to, prefix, n, descending, resumeAfter);
    }

    /** The same scan in descending ({@code true}) or ascending key order. */
    public ScanRequest descending(boolean desc) {
        return new ScanRequest(from, to, prefix, limit, desc, resumeAfter);
    }

    /** The next page after a page that ended at {@code key}. */
    public ScanRequest resumeAfter(byte[] key) {
        return new ScanRequest(from, to, prefix, limit, descending, key);
    }
}
