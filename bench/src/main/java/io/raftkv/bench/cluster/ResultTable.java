package io.raftkv.bench.cluster;

import io.raftkv.bench.load.PointResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results as Markdown tables: one row per point, then raftkv-to-etcd ratios for every
 * workload and client count both ran in the same invocation.
 */
final class ResultTable {

    private ResultTable() {
    }

    /** The per-point table. */
    static String points(List<PointResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | clients | target | ops/s | p50 ms | p90 ms | p99 ms | p99.9 ms | errors "
                + "| server cores | client cores | server CPU µs/op |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PointResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s%s | %d | %s | %,.0f | %.3f | %.3f | %.3f | %.3f | %d | %.2f | %.2f | %.0f |%n",
                    r.workload().cliName(), r.rate() > 0 ? String.format(Locale.ROOT, " @%.0f/s", r.rate()) : "",
                    r.clients(), r.target(), r.throughput(), r.latencyMillis(50), r.latencyMillis(90),
                    r.latencyMillis(99), r.latencyMillis(99.9), r.errors(), r.serverCores(), r.clientCores(),
                    r.serverCpuMicrosPerOp()));
        }
        return sb.toString();
    }

    /** A ratio of two points of the same workload, client count and rate. */
    record Ratio(PointResult ours, PointResult etcd) {
        double throughput() {
            return ours.throughput() / etcd.throughput();
        }

        double p50() {
            return ours.latencyMillis(50) / etcd.latencyMillis(50);
        }

        double p99() {
            return ours.latencyMillis(99) / etcd.latencyMillis(99);
        }
    }

    /** Every (raftkv or jdbc, etcd) pair with the same workload, clients and rate. */
    static List<Ratio> ratios(List<PointResult> results) {
        List<Ratio> ratios = new ArrayList<>();
        for (PointResult ours : results) {
            if (ours.target().equals("etcd")) {
                continue;
            }
            find(results, "etcd", ours).ifPresent(etcd -> ratios.add(new Ratio(ours, etcd)));
        }
        return ratios;
    }

    private static Optional<PointResult> find(List<PointResult> results, String target, PointResult like) {
        return results.stream().filter(r -> r.target().equals(target) && r.workload() == like.workload()
                && r.clients() == like.clients() && r.rate() == like.rate()).findFirst();
    }

    /** The ratio table; empty when no pair exists. */
    static String ratioTable(List<PointResult> results) {
        List<Ratio> ratios = ratios(results);
        if (ratios.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | clients | ratio | throughput ×etcd | p50 ÷etcd | p99 ÷etcd |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Ratio r : ratios) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s/etcd | %.2f | %.2f | %.2f |%n",
                    r.ours().workload().cliName(), r.ours().clients(), r.ours().target(), r.throughput(), r.p50(),
                    r.p99()));
        }
        return sb.toString();
    }
}
