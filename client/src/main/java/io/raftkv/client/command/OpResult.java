package io.raftkv.client.command;

/**
 * What one op did.
 *
 * @param applied       true if the op's condition held and (for a batch) the whole batch applied
 * @param existedBefore true if the key had a value just before this op (after the earlier ops
 *                      of its batch)
 * @param modIndex      the key's last modification index after this op: the entry's index if the
 *                      op wrote, the unchanged index if not, 0 when the key is absent afterwards
 */
public record OpResult(boolean applied, boolean existedBefore, long modIndex) {

    public OpResult {
        if (modIndex < 0) {
            throw new IllegalArgumentException("modIndex must be at least 0, was " + modIndex);
        }
    }
}
