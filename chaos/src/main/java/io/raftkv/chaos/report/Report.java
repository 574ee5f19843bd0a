package io.raftkv.chaos.report;

import io.raftkv.chaos.RunResult;
import io.raftkv.chaos.check.Anomaly;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.nemesis.FaultEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text report of a run: settings, operations by type and outcome, throughput, faults with
 * their times, the checkers' verdicts and every anomaly (the first 50 in full).
 *
 * <p>Stateless.
 */
public final class Report {

    private static final int ANOMALIES_SHOWN = 50;

    private Report() {
    }

    /** The report as text. */
    public static String text(RunResult r) {
        StringBuilder sb = new StringBuilder();
        double seconds = r.runNanos() / 1e9;
        sb.append("raftkv chaos run\n");
        sb.append(String.format(Locale.ROOT, "nodes %d, workers %d Java + %d JDBC, seed %d, reads %s%s, ops per key %d,"
                + " node args %s%n", r.config().nodes(), r.config().workers(), r.config().jdbcWorkers(), r.config().seed(), r.config().reads(),
                r.config().pinnedReads() ? " (pinned to one node per worker)" : "", r.config().opsPerKey(),
                r.config().nodeArgs()));
        sb.append(String.format(Locale.ROOT, "duration %.1f s%n%n", seconds));

        Map<OpType, int[]> counts = new EnumMap<>(OpType.class);
        int ok = 0;
        for (HistoryOp op : r.ops()) {
            counts.computeIfAbsent(op.type(), t -> new int[3])[op.outcome().ordinal()]++;
            if (op.outcome() == Outcome.OK) {
                ok++;
            }
        }
        sb.append("operations (ok / fail / unknown)\n");
        counts.forEach((t, c) -> sb.append(String.format(Locale.ROOT, "  %s %d / %d / %d%n", t, c[0], c[1], c[2])));
        long jdbcOk = r.ops().stream().filter(o -> o.client().startsWith("jdbc-") && o.outcome() == Outcome.OK).count();
        sb.append(String.format(Locale.ROOT, "  total %d, ok %d (%d through JDBC), %.1f ok ops/s%n%n", r.ops().size(),
                ok, jdbcOk, seconds > 0 ? ok / seconds : 0));

        sb.append("faults injected: ").append(r.faults().size()).append('\n');
        for (FaultEvent f : r.faults()) {
            sb.append(String.format(Locale.ROOT, "  %7.1f s - %7.1f s  %s: %s%s%n", f.startNanos() / 1e9,
                    f.endNanos() / 1e9, f.kind(), f.description(), f.note().isEmpty() ? "" : " [" + f.note() + "]"));
        }
        sb.append('\n');

        sb.append(String.format(Locale.ROOT, "checks: %d register keys (%d undecided by budget), %d acknowledged set"
                + " inserts, %d group reads%n", r.check().registerKeys(), r.check().undecidedKeys(),
                r.check().setChecked(), r.check().groupReads()));
        if (!r.check().undecided().isEmpty()) {
            sb.append("  undecided keys (investigate: grep them in history.tsv): ").append(r.check().undecided())
                    .append('\n');
        }
        sb.append("anomalies: ").append(r.anomalies()).append('\n');
        List<Anomaly> anomalies = r.check().anomalies();
        for (int i = 0; i < Math.min(ANOMALIES_SHOWN, anomalies.size()); i++) {
            sb.append("  ").append(anomalies.get(i).toString().replace("\n", "\n    ")).append('\n');
        }
        if (anomalies.size() > ANOMALIES_SHOWN) {
            sb.append("  ... and ").append(anomalies.size() - ANOMALIES_SHOWN).append(" more\n");
        }
        sb.append("client errors: ").append(r.clientErrors().size()).append('\n');
        r.clientErrors().stream().limit(20).forEach(e -> sb.append("  ").append(e).append('\n'));
        sb.append('\n').append(r.clean() ? "VERDICT: no anomaly found" : "VERDICT: ANOMALIES FOUND").append('\n');
        return sb.toString();
    }

    /**
     * Writes {@link #text} to {@code file}.
     *
     * @throws IOException if it cannot be written
     */
    public static void write(RunResult r, Path file) throws IOException {
        Files.writeString(file, text(r), StandardCharsets.UTF_8);
    }
}
