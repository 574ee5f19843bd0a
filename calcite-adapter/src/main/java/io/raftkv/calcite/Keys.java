package io.raftkv.calcite;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * SQL keys and their stored bytes. Keys are stored as UTF-8 and ordered as unsigned bytes, which
 * is Unicode code point order. SQL compares VARCHAR with {@link String#compareTo} (UTF-16 code
 * units), which agrees with code point order for every string without surrogates. So SQL keys are
 * restricted to the Basic Multilingual Plane (no supplementary characters): then ORDER BY key,
 * range predicates evaluated by Calcite and the store's scan order all agree.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * The stored bytes of an SQL key.
     *
     * @throws InvalidDataException ({@code 22021}) if the key holds a supplementary character or
     *                              a lone surrogate, ({@code 23502}) if it is null
     */
    public static byte[] encode(String key) {
        if (key == null) {
            throw new InvalidDataException(InvalidDataException.NULL_VALUE, "a key cannot be NULL", null);
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isSurrogate(key.charAt(i))) {
                throw new InvalidDataException(InvalidDataException.BAD_CHARACTER,
                        "key '" + key + "' holds a character outside the Basic Multilingual Plane at index "
                                + i + "; SQL keys must be BMP characters so SQL order equals store order",
                        null);
            }
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of a string used only as a scan bound; never fails on surrogates. */
    public static byte[] encodeBound(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The SQL string of stored key or value bytes (invalid UTF-8 becomes U+FFFD). */
    public static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Unsigned lexicographic comparison, the store's key order. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The smallest byte string greater than every string starting with {@code prefix}, or null if
     * there is none (prefix empty or all 0xFF).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }
}
