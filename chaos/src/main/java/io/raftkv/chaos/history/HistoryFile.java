package io.raftkv.chaos.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code history.tsv} written by {@link History} back into completed operations, so a
 * stored run can be checked again ({@code raftkv chaos --check FILE}). Stateless.
 */
public final class HistoryFile {

    private HistoryFile() {
    }

    /**
     * Every completed operation of the file, in completion order; invocations without a
     * completion (a run cut short) are left out.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the line if a line is not a history line
     */
    public static List<HistoryOp> read(Path file) throws IOException {
        Map<Long, Long> invoked = new HashMap<>();
        List<HistoryOp> ops = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String[] f = line.split("\t", -1);
                if (f.length != 9) {
                    throw new IllegalArgumentException(file + " line " + n + " has " + f.length
                            + " columns, not 9; is it a chaos history.tsv?");
                }
                long nanos = Long.parseLong(f[0]);
                long id = Long.parseLong(f[1]);
                if (f[3].equals("invoke")) {
                    invoked.put(id, nanos);
                    continue;
                }
                Outcome outcome = Outcome.valueOf(f[3].toUpperCase(Locale.ROOT));
                long start = invoked.getOrDefault(id, nanos);
                ops.add(new HistoryOp(id, f[2], OpType.valueOf(f[4]), f[5], orNull(f[6]), orNull(f[7]), outcome,
                        orNull(f[8]), start, nanos));
            }
        }
        return ops;
    }

    private static String orNull(String field) {
        return field.equals("-") ? null : field;
    }
}
