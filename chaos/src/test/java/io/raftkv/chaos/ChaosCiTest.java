package io.raftkv.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.nemesis.FaultKind;
import io.raftkv.chaos.nemesis.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CI chaos run: 3 real node processes behind link proxies, the fixed schedule (every fault
 * kind once), 4 Java-client and 2 JDBC workers; must find no anomaly. Output is kept under
 * {@code target/chaos-ci} for reading after a failure.
 */
class ChaosCiTest {

    @AfterEach
    void killNodes() {
        ChildProcesses.killAll();
    }

    @Test
    @Timeout(300)
    @DisplayName("under partitions, kills, pauses, delays, drops and membership changes: linearizable, no lost or torn writes")
    void fixedScheduleFindsNoAnomaly() throws Exception {
        Path out = Path.of("target", "chaos-ci");
        ChaosConfig config = ChaosConfig.defaults(out, Schedule.fixed()).withNodes(3).withSeed(42).withWorkers(4)
                .withJdbcWorkers(2);

        RunResult r = new ChaosRun(config).run();

        String report = Files.readString(r.report());
        assertThat(r.check().anomalies()).as(report).isEmpty();
        assertThat(r.clientErrors()).as(report).isEmpty();
        Set<FaultKind> injected = r.faults().stream().map(f -> f.kind()).collect(Collectors.toSet());
        assertThat(injected).as(report).isEqualTo(EnumSet.allOf(FaultKind.class));
        assertThat(r.ops().stream().filter(o -> o.type() == OpType.FINAL_READ && o.outcome() == Outcome.OK).count())
                .as("both final reads answered\n" + report).isEqualTo(2);
        assertThat(r.ops().stream().filter(o -> o.client().startsWith("jdbc-") && o.outcome() == Outcome.OK).count())
                .as("JDBC workers got answers\n" + report).isGreaterThan(100);
        assertThat(r.check().registerKeys()).as(report).isGreaterThan(3);
        assertThat(r.check().undecidedKeys()).as(report).isZero();
        assertThat(r.check().setChecked()).as(report).isGreaterThan(20);
        assertThat(r.check().groupReads()).as(report).isGreaterThan(20);
        assertThat(out.resolve("timeline.png")).isNotEmptyFile();
        assertThat(out.resolve("history.tsv")).isNotEmptyFile();
    }
}
