package io.raftkv.bench.cluster;

import io.raftkv.bench.load.PointResult;
import io.raftkv.bench.load.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * The plots of a run, per workload: throughput against clients (one line per target, x on a log2
 * scale) and the latency CDF at the largest client count (one line per target; x = percentile on
 * the usual 1/(1-p) log scale up to 99.99%, y on a log scale).
 */
final class Charts {

    /** Points drawn along a latency CDF line. */
    private static final int CDF_POINTS = 120;

    private Charts() {
    }

    /** Throughput of {@code workload} against clients, one line per target; null if it did not run. */
    static LineChart throughput(List<PointResult> results, Workload workload) {
        TreeSet<Integer> clients = new TreeSet<>();
        Map<String, List<PointResult>> byTarget = new LinkedHashMap<>();
        for (PointResult r : results) {
            if (r.workload() == workload) {
                clients.add(r.clients());
                byTarget.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r);
            }
        }
        if (byTarget.isEmpty()) {
            return null;
        }
        List<LineChart.Tick> ticks = new ArrayList<>();
        for (int c : clients) {
            ticks.add(new LineChart.Tick(log2(c), Integer.toString(c)));
        }
        List<LineChart.Series> series = new ArrayList<>();
        byTarget.forEach((name, points) -> {
            points.sort((a, b) -> Integer.compare(a.clients(), b.clients()));
            double[] xs = points.stream().mapToDouble(p -> log2(p.clients())).toArray();
            double[] ys = points.stream().mapToDouble(PointResult::throughput).toArray();
            series.add(new LineChart.Series(name, xs, ys));
        });
        return new LineChart("Throughput against clients, " + workload.cliName(), "clients (log scale)",
                "operations per second", ticks, series, false);
    }

    /** The latency CDF of {@code workload} at its largest client count, or null if it did not run. */
    static LineChart latencyCdf(List<PointResult> results, Workload workload) {
        int maxClients = results.stream().filter(r -> r.workload() == workload).mapToInt(PointResult::clients).max()
                .orElse(-1);
        if (maxClients < 0) {
            return null;
        }
        List<LineChart.Series> series = new ArrayList<>();
        for (PointResult r : results) {
            if (r.workload() != workload || r.clients() != maxClients || r.latencyMicros().getTotalCount() == 0) {
                continue;
            }
            series.add(cdfSeries(r.target(), r.latencyMicros()));
        }
        List<LineChart.Tick> ticks = List.of(new LineChart.Tick(0, "0%"), new LineChart.Tick(1, "90%"),
                new LineChart.Tick(2, "99%"), new LineChart.Tick(3, "99.9%"), new LineChart.Tick(4, "99.99%"));
        return new LineChart("Latency CDF, " + workload.cliName() + ", " + maxClients + " clients", "percentile",
                "latency ms (log scale)", ticks, series, true);
    }

    /** Latency (ms) at percentiles evenly spaced on x = log10(1/(1-p)), from p = 0 to 99.99%. */
    static LineChart.Series cdfSeries(String name, Histogram h) {
        double[] xs = new double[CDF_POINTS + 1];
        double[] ys = new double[CDF_POINTS + 1];
        for (int i = 0; i <= CDF_POINTS; i++) {
            double x = 4.0 * i / CDF_POINTS;
            double percentile = 100 * (1 - Math.pow(10, -x));
            xs[i] = x;
            ys[i] = h.getValueAtPercentile(percentile) / 1000.0;
        }
        return new LineChart.Series(name, xs, ys);
    }

    /**
     * Writes {@code throughput-WORKLOAD.png} and {@code latency-cdf-WORKLOAD.png} into {@code dir}
     * for every workload that ran.
     *
     * @return the files written
     */
    static List<Path> writeAll(Path dir, List<PointResult> results) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Workload w : Workload.values()) {
            LineChart t = throughput(results, w);
            if (t != null) {
                Path f = dir.resolve("throughput-" + w.cliName() + ".png");
                t.writePng(f);
                files.add(f);
            }
            LineChart cdf = latencyCdf(results, w);
            if (cdf != null) {
                Path f = dir.resolve("latency-cdf-" + w.cliName() + ".png");
                cdf.writePng(f);
                files.add(f);
            }
        }
        return files;
    }

    private static double log2(int v) {
        return Math.log(v) / Math.log(2);
    }
}
