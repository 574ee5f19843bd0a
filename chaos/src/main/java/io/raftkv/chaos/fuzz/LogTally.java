package io.raftkv.chaos.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what in-process nodes log (slf4j-simple writes to {@code System.err}, looked up per
 * line) and counts the lines no hostile input should cause: ERROR lines, uncaught exceptions and
 * exceptions that reached the end of a Netty pipeline. Expected refusals are WARN lines and are
 * only counted. Nothing is echoed unless asked, so a barrage does not flood the console.
 * Thread-safe.
 */
final class LogTally implements AutoCloseable {

    private static final String[] UNEXPECTED = {
        " ERROR ", "Exception in thread", "reached at the tail of the pipeline", "LEAK:", "OutOfMemoryError",
        "StackOverflowError",
    };

    private final PrintStream original = System.err;
    private final boolean echo;
    /** Bytes of the line being written; guarded by this. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** Guarded by this. */
    private final List<String> unexpected = new ArrayList<>();
    /** Guarded by this. */
    private long lines;

    LogTally(boolean echo) {
        this.echo = echo;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                take(b);
                if (LogTally.this.echo) {
                    original.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    private synchronized void take(int b) {
        if (b != '\n') {
            if (line.size() < 4096) {
                line.write(b);
            }
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lines++;
        for (String marker : UNEXPECTED) {
            if (text.contains(marker)) {
                unexpected.add(text);
                return;
            }
        }
    }

    /** Lines logged so far. */
    synchronized long lines() {
        return lines;
    }

    /** Unexpected lines logged so far, oldest first. */
    synchronized List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
