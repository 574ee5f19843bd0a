package io.raftkv.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.chaos.check.CheckOutcome;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.nemesis.FaultEvent;
import io.raftkv.chaos.nemesis.FaultKind;
import io.raftkv.chaos.nemesis.Schedule;
import io.raftkv.chaos.report.Report;
import io.raftkv.chaos.report.TimelinePlot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report and the PNG timeline from a made-up run, headless. */
class TimelinePlotTest {

    @TempDir
    Path dir;

    private RunResult result() {
        List<HistoryOp> ops = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = i * 20_000_000L;
            ops.add(new HistoryOp(i, i % 7 == 0 ? "jdbc-0" : "java-0", OpType.WRITE, "r/1", "v" + i, null,
                    i % 50 == 0 ? Outcome.UNKNOWN : Outcome.OK, i % 50 == 0 ? null : "", t, t + 1_000_000));
        }
        List<FaultEvent> faults = List.of(new FaultEvent(FaultKind.KILL_LEADER, "SIGKILL [n1] (leader)",
                1_000_000_000L, 3_000_000_000L, ""));
        return new RunResult(ChaosConfig.defaults(dir, Schedule.fixed()), ops, faults,
                new CheckOutcome(List.of(), 1, 0, List.of(), 0, 0), List.of(), 6_000_000_000L, null);
    }

    @Test
    void when_written_then_the_png_has_the_plot_size_and_fault_shading() throws Exception {
        Path png = dir.resolve("timeline.png");
        TimelinePlot.write(result(), png);

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(img.getHeight()).isEqualTo(500);
        // Inside the fault band (1-3 s of 6 s) the background is shaded, outside it is white.
        int plotW = 1400 - 60 - 20;
        int inBand = 60 + (int) (2.0 / 6 * plotW);
        int outside = 60 + (int) (4.5 / 6 * plotW);
        assertThat(img.getRGB(inBand, 480 - 60) & 0xFFFFFF).isNotEqualTo(0xFFFFFF);
        assertThat(img.getRGB(outside, 480 - 60) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void when_reported_then_counts_faults_and_verdict_are_in_the_text() {
        String text = Report.text(result());
        assertThat(text).contains("WRITE 294 / 0 / 6", "faults injected: 1", "KILL_LEADER", "anomalies: 0",
                "VERDICT: no anomaly found", "through JDBC");
    }
}
