package io.raftkv.calcite;

/**
 * One page of a range scan in unsigned byte order of keys.
 *
 * @param lower          first key of the range, or null for "from the first key"
 * @param lowerInclusive whether {@code lower} itself is in the range
 * @param upper          last key of the range, or null for "to the last key"
 * @param upperInclusive whether {@code upper} itself is in the range
 * @param reverse        true to return keys in descending order
 * @param limit          most entries in this page, 1 to {@link #MAX_PAGE}
 * @param resumeAfter    the last key of the previous page (exclusive continuation in scan
 *                       direction), or null for the first page
 */
public record ScanRequest(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive,
                          boolean reverse, int limit, byte[] resumeAfter) {

    /** The largest page a store is asked for. */
    public static final int MAX_PAGE = 10_000;

    public ScanRequest {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", was " + limit);
        }
    }

    /** The same range continued after {@code lastKey}, at most {@code newLimit} entries. */
    public ScanRequest next(byte[] lastKey, int newLimit) {
        return new ScanRequest(lower, lowerInclusive, upper, upperInclusive, reverse, newLimit, lastKey);
    }

    /** True if {@code key} lies within the bounds (ignoring {@code resumeAfter}). */
    public boolean contains(byte[] key) {
        if (lower != null) {
            int c = Keys.compare(key, lower);
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = Keys.compare(key, upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }
}
