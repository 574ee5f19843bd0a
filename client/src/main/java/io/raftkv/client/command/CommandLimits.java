package io.raftkv.client.command;

/**
 * Size limits a command must respect before it is proposed. Checked by the client and again by
 * the leader; never at apply time, where every replica must accept what was committed.
 *
 * @param maxKeyBytes   largest key, at least 1 (default 4 KiB)
 * @param maxValueBytes largest value, at least 1 (default 1 MiB)
 * @param maxBatchBytes largest encoded command, at least 1 (default 64 MiB)
 */
public record CommandLimits(int maxKeyBytes, int maxValueBytes, int maxBatchBytes) {

    public static final int DEFAULT_MAX_KEY_BYTES = 4 * 1024;
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_BYTES = 64 * 1024 * 1024;
    public static final CommandLimits DEFAULT =
            new CommandLimits(DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES, DEFAULT_MAX_BATCH_BYTES);

    public CommandLimits {
        if (maxKeyBytes < 1 || maxValueBytes < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("limits must be at least 1 byte, were maxKeyBytes="
                    + maxKeyBytes + ", maxValueBytes=" + maxValueBytes + ", maxBatchBytes=" + maxBatchBytes);
        }
    }

    /**
     * Checks every key and value (and condition value) of {@code command}.
     *
     * @throws LimitExceededException naming the first limit exceeded
     */
    public void check(Command command) {
        int i = 0;
        for (Op op : command.ops()) {
            if (op.key().length > maxKeyBytes) {
                throw new LimitExceededException("maxKeyBytes", maxKeyBytes, op.key().length, "the key of op " + i);
            }
            if (op instanceof Put p && p.value().length > maxValueBytes) {
                throw new LimitExceededException("maxValueBytes", maxValueBytes, p.value().length,
                        "the value of op " + i);
            }
            if (op.condition() instanceof Condition.ValueEquals v && v.expected().length > maxValueBytes) {
                throw new LimitExceededException("maxValueBytes", maxValueBytes, v.expected().length,
                        "the expected value of op " + i);
            }
            i++;
        }
    }

    /**
     * Checks the size of an encoded command.
     *
     * @throws LimitExceededException if {@code encoded} is over {@link #maxBatchBytes()}
     */
    public void checkEncoded(byte[] encoded) {
        if (encoded.length > maxBatchBytes) {
            throw new LimitExceededException("maxBatchBytes", maxBatchBytes, encoded.length, "the encoded command");
        }
    }
}
