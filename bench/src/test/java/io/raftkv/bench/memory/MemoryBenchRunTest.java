package io.raftkv.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the tool end to end on a real node process with a few keys; no timing assertions. */
class MemoryBenchRunTest {

    @Test
    void smallRunWithSnapshotPausesReportsEveryPhaseWithAResidentSetAndRemovesItsData(@TempDir Path out) throws Exception {
        Path home = Path.of("..").toAbsolutePath().normalize();
        // 5000 keys of 272 bytes: one pause for a snapshot at 1 MiB (--load-jvm is left out: its extra
        // node start would double the test's time)
        int code = new CommandLine(new MemoryBench()).execute("--home", home.toString(), "--keys", "5000",
                "--batch", "100", "--snapshot-every-mib", "1", "--node-arg",
                "--snapshot-trailing 5", "--read-seconds", "0", "--restart-seconds", "0", "--out", out.toString());

        assertThat(code).isZero();
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).startsWith("phase,node,peak_rss_mib,hwm_mib");
        assertThat(summary.subList(1, summary.size())).extracting(line -> line.split(",")[0])
                .containsExactly("load", "read", "restart");
        for (String line : summary.subList(1, summary.size())) {
            String[] cells = line.split(",");
            assertThat(cells[1]).isEqualTo("n1");
            assertThat(Double.parseDouble(cells[2])).as("peak RSS of " + cells[0]).isPositive();
            assertThat(Long.parseLong(cells[5])).as("keys loaded").isEqualTo(5000);
            assertThat(Double.parseDouble(cells[8])).as("disk after load").isPositive();
        }
        assertThat(Files.readAllLines(out.resolve("samples.csv")).get(0)).isEqualTo(MemorySampler.HEADER);
        assertThat(out.resolve("data")).doesNotExist();
    }
}
