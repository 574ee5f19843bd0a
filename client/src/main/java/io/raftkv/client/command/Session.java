package io.raftkv.client.command;

/**
 * The client session a command belongs to, for exactly-once retries (Raft thesis §6.3): the
 * state machine remembers per client the highest sequence applied and its result, so a retried
 * command is answered, not applied again. {@link #NONE} means "no session": the command is
 * applied every time it is committed.
 *
 * @param clientId the session id handed out by the cluster, at least 1; 0 only in {@link #NONE}
 * @param sequence the client's command number in its session, at least 1; 0 only in {@link #NONE}
 */
public record Session(long clientId, long sequence) {

    /** No session. */
    public static final Session NONE = new Session(0, 0);

    public Session {
        if (clientId < 0 || sequence < 0) {
            throw new IllegalArgumentException(
                    "clientId and sequence must be at least 0, were " + clientId + ", " + sequence);
        }
        if ((clientId == 0) != (sequence == 0)) {
            throw new IllegalArgumentException(
                    "clientId and sequence are both 0 (no session) or both positive, were "
                            + clientId + ", " + sequence);
        }
    }

    /** True for {@link #NONE}. */
    public boolean isNone() {
        return clientId == 0;
    }
}
