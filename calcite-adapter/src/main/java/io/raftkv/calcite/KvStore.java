package io.raftkv.calcite;

import io.raftkv.client.command.Command;
import io.raftkv.client.command.CommandResult;
import java.util.Optional;

/**
 * What the SQL layer needs from a raftkv cluster: point reads, paged range scans and atomic
 * commands. The network client implements it against a cluster; tests implement it over the
 * node's JE storage in-process.
 *
 * <p>Threads: implementations are safe for concurrent use; every call blocks the caller until it
 * completes, fails or its deadline ({@link CallOptions}) passes. Errors are unchecked
 * {@link KvSqlException}s: {@link StoreUnavailableException} (no node answered),
 * {@link StoreTimeoutException} (deadline passed), {@link OutcomeUnknownException} (a write may or
 * may not have been committed), {@link StatementCancelledException}.
 */
public interface KvStore extends AutoCloseable {

    /**
     * Reads one key.
     *
     * @param key     the key bytes, 1 to 4096 bytes
     * @param options consistency, deadline and cancel flag
     * @return the entry, or empty if the key is absent
     */
    Optional<KvEntry> get(byte[] key, CallOptions options);

    /**
     * Reads one page of a range scan. Keys are ordered as unsigned bytes.
     *
     * @param request bounds, direction, page size and continuation
     * @param options consistency, deadline and cancel flag
     * @return at most {@code request.limit()} entries in scan order
     */
    ScanPage scan(ScanRequest request, CallOptions options);

    /**
     * Proposes one command and waits until it is applied. A {@link Command.Batch} applies all or
     * nothing; a failed condition is a normal result ({@code applied = false}), not an exception.
     *
     * @param command the ops; sizes already checked against the limits
     * @param options deadline and cancel flag (consistency is ignored)
     * @return the state machine's per-op results
     * @throws OutcomeUnknownException if the command was sent but its result was lost
     */
    CommandResult execute(Command command, CallOptions options);

    /**
     * Checks that the store answers within the deadline (for {@code Connection.isValid}).
     *
     * @throws StoreUnavailableException or {@link StoreTimeoutException} if it does not
     */
    void ping(CallOptions options);

    /** Releases connections and threads; idempotent; never throws. */
    @Override
    void close();
}
