package io.raftkv.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys and values a benchmark uses: key number {@code n} is the ASCII text {@code k}
 * followed by {@code n} zero-padded to {@code keySize} bytes, so keys sort as their numbers do
 * and a range scan from key {@code n} meets keys {@code n, n+1, ...}. Immutable, thread-safe.
 *
 * @param keySize   bytes per key, 8..4096
 * @param valueSize bytes per value, 1..1 MiB
 */
public record KeySpace(int keySize, int valueSize) {

    public KeySpace {
        if (keySize < 8 || keySize > 4096) {
            throw new IllegalArgumentException("key size must be in 8..4096 bytes, was " + keySize);
        }
        if (valueSize < 1 || valueSize > 1024 * 1024) {
            throw new IllegalArgumentException("value size must be in 1..1048576 bytes, was " + valueSize);
        }
    }

    /**
     * The key numbered {@code n}, exactly {@link #keySize()} bytes of ASCII.
     *
     * @param n 0 .. 10^(keySize-1) - 1
     * @throws IllegalArgumentException if {@code n} does not fit the key size
     */
    public String keyText(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("key number must not be negative, was " + n);
        }
        String digits = Long.toString(n);
        int width = keySize - 1;
        if (digits.length() > width) {
            throw new IllegalArgumentException("key number " + n + " needs more than " + keySize + " bytes");
        }
        StringBuilder sb = new StringBuilder(keySize).append('k');
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** {@link #keyText(long)} as bytes. */
    public byte[] key(long n) {
        return keyText(n).getBytes(StandardCharsets.US_ASCII);
    }

    /** A value of {@link #valueSize()} printable ASCII bytes that varies with {@code seed}. */
    public String valueText(long seed) {
        char[] chars = new char[valueSize];
        Arrays.fill(chars, 'v');
        String tag = Long.toString(seed);
        for (int i = 0; i < tag.length() && i < valueSize; i++) {
            chars[i] = tag.charAt(i);
        }
        return new String(chars);
    }

    /** {@link #valueText(long)} as bytes. */
    public byte[] value(long seed) {
        return valueText(seed).getBytes(StandardCharsets.US_ASCII);
    }
}
