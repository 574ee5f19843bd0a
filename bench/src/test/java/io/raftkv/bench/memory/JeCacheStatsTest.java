package io.raftkv.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftkv.bench.load.BenchmarkException;
import org.junit.jupiter.api.Test;

class JeCacheStatsTest {

    private static final String HEADER = "time,Cache:adminBytes,Cache:cacheTotalBytes,Cache:dataBytes";

    @Test
    void lastValueReadsTheColumnOfTheLastCompleteRow() {
        String tail = "1700000000000,10,1000,5\n1700000001000,11,2000,6\n1700000002000,12,30";

        assertThat(JeCacheStats.lastValue(HEADER, tail)).isEqualTo(2000);
    }

    @Test
    void lastValueIsMinusOneWithoutACompleteRow() {
        assertThat(JeCacheStats.lastValue(HEADER, "1700000000000,10,10")).isEqualTo(-1);
    }

    @Test
    void lastValueNamesTheColumnAHeaderLacks() {
        assertThatThrownBy(() -> JeCacheStats.lastValue("time,Cache:adminBytes", "1,2\n"))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining(JeCacheStats.COLUMN);
    }
}
