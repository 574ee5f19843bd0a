package io.raftkv.chaos.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Mutates a valid encoding the way broken or hostile input differs from it: bit flips, byte
 * overwrites, truncation, appended garbage, deleted or duplicated runs, splices of another valid
 * encoding, and 4-byte fields set to extreme lengths (huge, negative, zero, off by one). Pure
 * and deterministic: the same {@link Random} state gives the same mutation. Not thread-safe only
 * in that the {@code Random} is not.
 */
public final class Mutator {

    /** Values written over 4-byte fields: lengths a decoder must refuse before allocating. */
    private static final int[] EXTREME_INTS = {
        Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1, 0x7FFFFFF0, 0x40000000, 16 * 1024 * 1024, 65536, 255, 256,
    };

    private Mutator() {
    }

    /**
     * One to four stacked mutations of {@code valid}; sometimes ({@code 1/32}) plain random bytes.
     * Never returns {@code valid} itself; the result may equal it in content.
     *
     * @param valid a valid encoding, not modified
     * @param other another valid encoding to splice from, not modified
     */
    public static byte[] mutate(Random rnd, byte[] valid, byte[] other) {
        if (rnd.nextInt(32) == 0) {
            byte[] junk = new byte[rnd.nextInt(64)];
            rnd.nextBytes(junk);
            return junk;
        }
        byte[] b = valid.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = once(rnd, b, other);
        }
        return b;
    }

    private static byte[] once(Random rnd, byte[] b, byte[] other) {
        switch (rnd.nextInt(9)) {
            case 0:
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            case 1:
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return b;
            case 2:
                return Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length));
            case 3: {
                byte[] tail = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(tail);
                byte[] out = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, out, b.length, tail.length);
                return out;
            }
            case 4: {
                if (b.length < 2) {
                    return b;
                }
                int from = rnd.nextInt(b.length);
                int len = 1 + rnd.nextInt(Math.min(16, b.length - from));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, from + len, out, from, b.length - from - len);
                return out;
            }
            case 5: {
                if (b.length == 0) {
                    return b;
                }
                int from = rnd.nextInt(b.length);
                int len = 1 + rnd.nextInt(Math.min(16, b.length - from));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                return out;
            }
            case 6: {
                int cut = b.length == 0 ? 0 : rnd.nextInt(b.length);
                int otherCut = other.length == 0 ? 0 : rnd.nextInt(other.length);
                byte[] out = Arrays.copyOf(b, cut + other.length - otherCut);
                System.arraycopy(other, otherCut, out, cut, other.length - otherCut);
                return out;
            }
            default: {
                if (b.length < 4) {
                    return b;
                }
                int at = rnd.nextInt(b.length - 3);
                int v = EXTREME_INTS[rnd.nextInt(EXTREME_INTS.length)];
                if (rnd.nextBoolean()) {
                    v += rnd.nextInt(3) - 1;
                }
                b[at] = (byte) (v >>> 24);
                b[at + 1] = (byte) (v >>> 16);
                b[at + 2] = (byte) (v >>> 8);
                b[at + 3] = (byte) v;
                return b;
            }
        }
    }

    /** Lower-case hex of {@code b}, for reproducing a failure. */
    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return s.toString();
    }
}
