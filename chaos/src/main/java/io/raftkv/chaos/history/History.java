package io.raftkv.chaos.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record of a run: every operation with its invocation and completion, kept in memory for
 * the checkers and written to {@code history.tsv} as it happens (an "invoke" line when an
 * operation starts, an "ok"/"fail"/"unknown" line when it ends; columns: nanos since start, id,
 * client, event, type, key, value, expected, result).
 *
 * <p>Thread-safe: workers record concurrently. Times come from one {@link System#nanoTime()}
 * origin, so they are comparable across workers.
 */
public final class History implements AutoCloseable {

    private final long origin = System.nanoTime();
    private final AtomicLong ids = new AtomicLong();
    private final List<HistoryOp> ops = new ArrayList<>();
    private final BufferedWriter out;

    /**
     * @param file where the history is written, or null to keep it in memory only
     * @throws UncheckedIOException if the file cannot be created
     */
    public History(Path file) {
        try {
            this.out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create history file " + file, e);
        }
    }

    /** Nanoseconds since the history began. */
    public long now() {
        return System.nanoTime() - origin;
    }

    /** A new operation id; call at invocation. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Records that an operation was sent (a line in the file only). */
    public void invoked(HistoryOp pending) {
        write(pending.invokeLine());
    }

    /** Records a completed operation. */
    public void completed(HistoryOp op) {
        synchronized (ops) {
            ops.add(op);
        }
        write(op.completeLine());
    }

    /** Every completed operation so far, in completion order. */
    public List<HistoryOp> ops() {
        synchronized (ops) {
            return List.copyOf(ops);
        }
    }

    private void write(String line) {
        if (out == null) {
            return;
        }
        synchronized (out) {
            try {
                out.write(line);
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the history file", e);
            }
        }
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        if (out == null) {
            return;
        }
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the history file", e);
            }
        }
    }
}
