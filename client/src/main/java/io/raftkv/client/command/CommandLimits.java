package io.raftkv.client.command;

import io.raftkv.client.protocol.ProtocolLimits;

/**
 * Size limits a command must respect before it is proposed. Checked by the client and again by
 * the leader; never at apply time, where every replica must accept what was committed.
 *
 * <p>The batch byte limit must leave room in one frame for the request envelope (client to
 * leader) and the AppendEntries envelope (leader to followers): a command that fits the client's
 * frame but not a follower's could be committed by nobody. The default therefore keeps 1 MiB of
 * the 16 MiB {@link ProtocolLimits#DEFAULT_MAX_FRAME_BYTES} free for envelopes.
 *
 * @param maxKeyBytes     largest key, at least 1 (default 4 KiB)
 * @param maxValueBytes   largest value, at least 1 (default 1 MiB)
 * @param maxBatchBytes   largest encoded command, at least 1 (default 15 MiB: the frame limit
 *                        minus 1 MiB for envelopes)
 * @param maxOpsPerBatch  most ops in one command, at least 1 (default 10,000). Bounds the size
 *                        of one apply transaction and of the per-op result list, which the byte
 *                        limit alone does not: 15 MiB of one-byte deletes would be millions of ops.
 *                        Measured (bench memory, production 256 MiB heap): 50,000-put batches of
 *                        14 MB killed the node with OutOfMemoryError, 10,000-put batches and
 *                        14-put batches of 14 MB (1 MB values) did not
 */
public record CommandLimits(int maxKeyBytes, int maxValueBytes, int maxBatchBytes, int maxOpsPerBatch) {

    public static final int DEFAULT_MAX_KEY_BYTES = 4 * 1024;
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
    /** Room left in a frame for the request or AppendEntries envelope around one command. */
    public static final int ENVELOPE_RESERVE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_BYTES = ProtocolLimits.DEFAULT_MAX_FRAME_BYTES - ENVELOPE_RESERVE_BYTES;
    public static final int DEFAULT_MAX_OPS_PER_BATCH = 10_000;
    public static final CommandLimits DEFAULT = new CommandLimits(DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES,
            DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_OPS_PER_BATCH);

    /**
     * @throws IllegalArgumentException naming the fields if a limit is below 1
     */
    public CommandLimits {
        if (maxKeyBytes < 1 || maxValueBytes < 1 || maxBatchBytes < 1 || maxOpsPerBatch < 1) {
            throw new IllegalArgumentException("limits must be at least 1, were maxKeyBytes=" + maxKeyBytes
                    + ", maxValueBytes=" + maxValueBytes + ", maxBatchBytes=" + maxBatchBytes
                    + ", maxOpsPerBatch=" + maxOpsPerBatch);
        }
    }

    /**
     * The default op count with the given byte limits.
     *
     * @throws IllegalArgumentException naming the fields if a limit is below 1
     */
    public CommandLimits(int maxKeyBytes, int maxValueBytes, int maxBatchBytes) {
        this(maxKeyBytes, maxValueBytes, maxBatchBytes, DEFAULT_MAX_OPS_PER_BATCH);
    }

    /** A copy with another op count limit; validated like the constructor. */
    public CommandLimits withMaxOpsPerBatch(int value) {
        return new CommandLimits(maxKeyBytes, maxValueBytes, maxBatchBytes, value);
    }

    /**
     * Checks the op count, then every key and value (and condition value) of {@code command}.
     * Any thread; does not block.
     *
     * @throws LimitExceededException naming the first limit exceeded
     */
    public void check(Command command) {
        int ops = command.ops().size();
        if (ops > maxOpsPerBatch) {
            throw new LimitExceededException("maxOpsPerBatch", maxOpsPerBatch, ops, "the command", "ops");
        }
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
     * Checks the size of an encoded command. Any thread; does not block.
     *
     * @throws LimitExceededException if {@code encoded} is over {@link #maxBatchBytes()}
     */
    public void checkEncoded(byte[] encoded) {
        if (encoded.length > maxBatchBytes) {
            throw new LimitExceededException("maxBatchBytes", maxBatchBytes, encoded.length, "the encoded command");
        }
    }
}
