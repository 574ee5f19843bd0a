package io.raftkv.bench.cluster;

import io.raftkv.bench.load.PointResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes benchmark points as CSV: one header line, one row per point, latencies in ms. */
final class CsvReport {

    static final String HEADER = "target,workload,clients,rate,seconds,ops,errors,ops_per_s,p50_ms,p90_ms,p99_ms,"
            + "p999_ms,max_ms,server_cores,client_cores,server_cpu_us_per_op,first_error";

    private CsvReport() {
    }

    /** The CSV text for {@code results}, lines ending in {@code \n}. */
    static String render(List<PointResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (PointResult r : results) {
            lines.add(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.3f,%d,%d,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%s",
                    r.target(), r.workload().cliName(), r.clients(), r.rate(), r.measuredNanos() / 1e9, r.ops(),
                    r.errors(), r.throughput(), r.latencyMillis(50), r.latencyMillis(90), r.latencyMillis(99),
                    r.latencyMillis(99.9), r.latencyMillis(100), r.serverCores(), r.clientCores(),
                    r.serverCpuMicrosPerOp(), quote(r.firstError())));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Writes {@link #render} to {@code file}. */
    static void write(Path file, List<PointResult> results) throws IOException {
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
    }

    /** A CSV field: quoted when it holds a comma, quote or line break; quotes doubled. */
    static String quote(String field) {
        if (field.isEmpty()) {
            return "";
        }
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
