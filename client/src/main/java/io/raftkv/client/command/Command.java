package io.raftkv.client.command;

import java.util.List;
import java.util.Objects;

/**
 * What a {@code COMMAND} log entry carries: one op, or a batch of ops applied all or nothing.
 * Encoded by {@link CommandCodec}.
 */
public sealed interface Command permits Command.Single, Command.Batch {

    /** The client session of this command, {@link Session#NONE} if none; never null. */
    Session session();

    /** The ops in application order; never empty, unmodifiable. */
    List<Op> ops();

    /** One op. */
    static Command of(Op op) {
        return new Single(Session.NONE, op);
    }

    /** A batch of ops, applied atomically. */
    static Command batch(List<Op> ops) {
        return new Batch(Session.NONE, ops);
    }

    /**
     * A single op.
     *
     * @param session the client session
     * @param op      the op
     */
    record Single(Session session, Op op) implements Command {
        public Single {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(op, "op");
        }

        @Override
        public List<Op> ops() {
            return List.of(op);
        }
    }

    /**
     * Ops applied all or nothing, in order: each op's condition sees the writes of the ops before
     * it in the same batch. If one condition fails, no op of the batch is applied.
     *
     * @param session the client session
     * @param ops     at least one op; copied into an unmodifiable list
     */
    record Batch(Session session, List<Op> ops) implements Command {
        public Batch {
            Objects.requireNonNull(session, "session");
            ops = List.copyOf(ops);
            if (ops.isEmpty()) {
                throw new IllegalArgumentException("a batch holds at least one op");
            }
        }
    }
}
