package io.raftkv.chaos.fuzz;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A pure decoder fed with mutations of valid encodings. Rules checked on every try: the valid
 * sample decodes; the mutated input either decodes or fails with one of the documented exception
 * types; the decoder allocates at most {@link #ALLOCATION_SLACK_BYTES} plus
 * {@link #ALLOCATION_PER_INPUT_BYTE} per input byte (a field declaring 2 GiB must be refused,
 * not allocated).
 *
 * @param name    e.g. {@code codec/RequestCodec}
 * @param sample  a valid encoding drawn from the random source
 * @param decoder the decoder under test
 * @param allowed the exception types its contract documents
 */
public record CodecTarget(String name, Function<Random, byte[]> sample, Decoder decoder,
        List<Class<? extends Throwable>> allowed) implements FuzzTarget {

    /** Fixed allowance per try: buffers, exception messages, an embedded channel. */
    public static final long ALLOCATION_SLACK_BYTES = 1 << 20;
    /** Allowance per input byte: copies of the input and the objects decoded from it. */
    public static final long ALLOCATION_PER_INPUT_BYTE = 32;

    /** The decoder under test. */
    @FunctionalInterface
    public interface Decoder {
        /** Decodes {@code input} or throws. */
        Object decode(byte[] input) throws Exception;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Override
    public void tryOnce(long seed) throws FuzzFailure {
        Random rnd = new Random(seed);
        byte[] valid;
        byte[] other;
        try {
            valid = sample.apply(rnd);
            other = sample.apply(rnd);
        } catch (RuntimeException e) {
            throw new FuzzFailure(name, seed, "", "the sample generator broke a constructor's rule", e);
        }
        try {
            decoder.decode(valid);
        } catch (Throwable t) {
            throw new FuzzFailure(name, seed, Mutator.hex(valid), "a valid encoding did not decode", t);
        }
        byte[] input = Mutator.mutate(rnd, valid, other);
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        try {
            decoder.decode(input);
        } catch (Throwable t) {
            if (allowed.stream().noneMatch(c -> c.isInstance(t))) {
                throw new FuzzFailure(name, seed, FuzzFailure.shorten(Mutator.hex(input)),
                        "undocumented exception", t);
            }
        }
        long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
        long bound = ALLOCATION_SLACK_BYTES + ALLOCATION_PER_INPUT_BYTE * input.length;
        if (before >= 0 && allocated > bound) {
            throw new FuzzFailure(name, seed, FuzzFailure.shorten(Mutator.hex(input)), "decoding " + input.length
                    + " bytes allocated " + allocated + " bytes, over the bound of " + bound, null);
        }
    }
}
