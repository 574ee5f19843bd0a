package io.raftkv.chaos.fuzz;

/**
 * A try broke a rule: an undocumented exception escaped, a decoder allocated far more than its
 * input could justify, a node stopped serving, or a failed statement wrote something. Carries
 * what is needed to replay it: the target, the seed and the input.
 */
public final class FuzzFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String target;
    private final long seed;
    private final String input;

    /**
     * @param target the target's name
     * @param seed   the seed of the try
     * @param input  the input, as hex bytes or SQL text, possibly shortened
     * @param what   which rule broke
     * @param cause  the exception that escaped, or null
     */
    public FuzzFailure(String target, long seed, String input, String what, Throwable cause) {
        super(target + " seed " + seed + ": " + what + (cause == null ? "" : ": " + cause), cause);
        this.target = target;
        this.seed = seed;
        this.input = input;
    }

    /** The target's name. */
    public String target() {
        return target;
    }

    /** The seed that replays the try. */
    public long seed() {
        return seed;
    }

    /** The input, hex bytes or SQL text (shortened past 2,000 characters). */
    public String input() {
        return input;
    }

    static String shorten(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
    }
}
