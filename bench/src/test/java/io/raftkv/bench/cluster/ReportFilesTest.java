package io.raftkv.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.raftkv.bench.load.BenchmarkException;
import io.raftkv.bench.load.PointResult;
import io.raftkv.bench.load.Workload;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    private static PointResult point(String target, Workload w, int clients, long ops, long latencyMicros) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(latencyMicros, ops);
        return new PointResult(target, w, clients, 0, 1_000_000_000L, ops, 0, h, 100_000_000L, 200_000_000L,
                target.equals("etcd") ? "a, \"quoted\" error" : "");
    }

    private static final List<PointResult> RESULTS = List.of(
            point("raftkv", Workload.PUT, 1, 1000, 1000), point("raftkv", Workload.PUT, 64, 30000, 2000),
            point("etcd", Workload.PUT, 1, 500, 2000), point("etcd", Workload.PUT, 64, 10000, 6000),
            point("raftkv", Workload.GET, 64, 60000, 500));

    @Test
    void csv_has_a_header_and_one_row_per_point_with_fields_quoted_where_needed() {
        List<String> lines = CsvReport.render(RESULTS).lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(CsvReport.HEADER);
        assertThat(lines.get(2)).startsWith("raftkv,put,64,0.0,1.000,30000,0,30000.0,2.000,");
        assertThat(lines.get(3)).endsWith(",\"a, \"\"quoted\"\" error\"");
        assertThat(lines.get(1).split(",", -1)).hasSize(CsvReport.HEADER.split(",").length);
    }

    @Test
    void ratios_pair_points_of_the_same_workload_and_clients_only() {
        List<ResultTable.Ratio> ratios = ResultTable.ratios(RESULTS);
        assertThat(ratios).hasSize(2);
        ResultTable.Ratio at64 = ratios.get(1);
        assertThat(at64.ours().clients()).isEqualTo(64);
        assertThat(at64.throughput()).isCloseTo(3.0, within(1e-9));
        assertThat(at64.p99()).isCloseTo(2000.0 / 6000.0, within(0.01));
        assertThat(ResultTable.ratioTable(RESULTS)).contains("| put | 64 | raftkv/etcd | 3.00 |");
        assertThat(ResultTable.points(RESULTS)).contains("| get | 64 | raftkv | 60,000 |");
    }

    @Test
    void charts_are_written_as_png_images_with_something_drawn(@TempDir Path dir) throws Exception {
        List<Path> files = Charts.writeAll(dir, RESULTS);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("throughput-put.png", "latency-cdf-put.png", "throughput-get.png", "latency-cdf-get.png");
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            assertThat(image.getWidth()).isEqualTo(LineChart.WIDTH);
            assertThat(image.getHeight()).isEqualTo(LineChart.HEIGHT);
            assertThat(countColoured(image)).as(f.toString()).isGreaterThan(100);
        }
    }

    /** Pixels that are neither white, grey nor black: the series lines and markers. */
    private static int countColoured(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void nice_ceilings_are_one_two_or_five_times_a_power_of_ten() {
        assertThat(LineChart.niceCeiling(0.7)).isEqualTo(1.0);
        assertThat(LineChart.niceCeiling(13)).isEqualTo(20.0);
        assertThat(LineChart.niceCeiling(4100)).isEqualTo(5000.0);
        assertThat(LineChart.niceCeiling(50_000)).isEqualTo(50_000.0);
    }

    @Test
    void the_doc_section_between_markers_is_replaced_and_the_rest_kept(@TempDir Path dir) throws Exception {
        String before = "# Benchmarks\n\n## Storage\nkeep me\n";
        String first = BenchDoc.splice(before, "table one");
        assertThat(first).startsWith(before.strip()).contains(BenchDoc.BEGIN + "\ntable one\n" + BenchDoc.END);
        String second = BenchDoc.splice(first + "\n## After\nkeep me too\n", "table two");
        assertThat(second).contains("keep me\n").contains("table two").doesNotContain("table one")
                .endsWith("## After\nkeep me too\n");
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, before);
        BenchDoc.update(file, "t3");
        assertThat(Files.readString(file)).contains("keep me").contains("t3");
        assertThatThrownBy(() -> BenchDoc.splice(BenchDoc.END + "\n" + BenchDoc.BEGIN, "x"))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("broken");
    }
}
