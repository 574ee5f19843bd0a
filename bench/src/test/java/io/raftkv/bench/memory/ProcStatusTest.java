package io.raftkv.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.bench.load.BenchmarkException;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final String STATUS = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 3000000 kB\n"
            + "VmSize:\t 2900000 kB\nVmHWM:\t  401236 kB\nVmRSS:\t  398004 kB\nRssAnon:\t  380000 kB\nThreads:\t42\n";

    @Test
    void parseReadsVmRssAndVmHwmInKib() {
        ProcStatus s = ProcStatus.parse(STATUS);

        assertThat(s.rssKib()).isEqualTo(398_004);
        assertThat(s.hwmKib()).isEqualTo(401_236);
        assertThat(s.rssMib()).isEqualTo(388);
        assertThat(s.hwmMib()).isEqualTo(391);
    }

    @Test
    void parseNamesTheMissingField() {
        assertThatThrownBy(() -> ProcStatus.parse("Name:\tjava\nVmRSS:\t 10 kB\n"))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("VmHWM");
    }

    @Test
    void parseRejectsAValueWithoutItsUnit() {
        assertThatThrownBy(() -> ProcStatus.parse("VmHWM:\t 10 kB\nVmRSS:\t 10\n"))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("malformed VmRSS");
    }

    @Test
    void readOfThisProcessGivesAResidentSetNoLargerThanItsHighWaterMark() {
        ProcStatus s = ProcStatus.read(ProcessHandle.current().pid());

        assertThat(s.rssKib()).isPositive();
        assertThat(s.hwmKib()).isGreaterThanOrEqualTo(s.rssKib());
    }

    @Test
    void readOfAProcessThatIsGoneSaysSo() {
        assertThatThrownBy(() -> ProcStatus.read(Long.MAX_VALUE / 2))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("is gone");
    }
}
