package io.raftkv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    /** Latencies 1..1000 µs, one each. */
    private static Histogram uniform() {
        Histogram h = new Histogram(3);
        for (int v = 1; v <= 1000; v++) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void percentiles_and_throughput_come_from_the_histogram_and_the_window() {
        PointResult r = new PointResult("t", Workload.PUT, 4, 0, 2_000_000_000L, 1000, 3, uniform(), 500_000_000L,
                1_000_000_000L, "");
        assertThat(r.throughput()).isEqualTo(500.0);
        assertThat(r.latencyMillis(50)).isCloseTo(0.5, within(0.001));
        assertThat(r.latencyMillis(99)).isCloseTo(0.99, within(0.001));
        assertThat(r.latencyMillis(99.9)).isCloseTo(0.999, within(0.001));
        assertThat(r.serverCores()).isEqualTo(0.5);
        assertThat(r.clientCores()).isEqualTo(0.25);
        assertThat(r.serverCpuMicrosPerOp()).isEqualTo(1000.0);
    }

    @Test
    void when_nothing_succeeded_then_latencies_are_not_numbers() {
        PointResult r = new PointResult("t", Workload.GET, 1, 0, 1_000_000_000L, 0, 5, new Histogram(3), -1, -1, "x");
        assertThat(r.latencyMillis(50)).isNaN();
        assertThat(r.serverCores()).isNaN();
    }

    @Test
    void a_result_survives_the_line_between_jvms() {
        PointResult r = new PointResult("etcd", Workload.SCAN, 64, 1000.0, 10_000_000_000L, 12345, 7, uniform(),
                987654321L, -1, "java.util.concurrent.TimeoutException: after 10 s, key k001");
        String line = ResultLine.encode(r);
        assertThat(line).doesNotContain("\n").startsWith("RESULT ");
        PointResult back = ResultLine.decode(line);
        assertThat(back.target()).isEqualTo("etcd");
        assertThat(back.workload()).isEqualTo(Workload.SCAN);
        assertThat(back.clients()).isEqualTo(64);
        assertThat(back.rate()).isEqualTo(1000.0);
        assertThat(back.ops()).isEqualTo(12345);
        assertThat(back.errors()).isEqualTo(7);
        assertThat(back.clientCpuNanos()).isEqualTo(987654321L);
        assertThat(back.firstError()).isEqualTo(r.firstError());
        assertThat(back.latencyMicros()).isEqualTo(r.latencyMicros());
    }

    @Test
    void when_there_was_no_error_then_the_line_still_decodes() {
        PointResult r = new PointResult("etcd", Workload.PUT, 1, 0, 1_000_000_000L, 10, 0, uniform(), 1, -1, "");
        assertThat(ResultLine.decode(ResultLine.encode(r)).firstError()).isEmpty();
    }

    @Test
    void when_a_line_is_not_a_result_then_the_error_quotes_it() {
        assertThatThrownBy(() -> ResultLine.decode("Exception in thread main"))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("Exception in thread main");
        assertThatThrownBy(() -> ResultLine.decode("RESULT etcd put 1 0 1 1 0 1 !!notbase64!! -"))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("malformed");
    }
}
