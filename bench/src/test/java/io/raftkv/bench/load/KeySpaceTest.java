package io.raftkv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KeySpaceTest {

    @Property
    void keys_have_the_configured_size_and_sort_as_their_numbers(@ForAll @LongRange(max = 9_999_999L) long a,
            @ForAll @LongRange(max = 9_999_999L) long b, @ForAll @IntRange(min = 8, max = 64) int size) {
        KeySpace keys = new KeySpace(size, 256);
        assertThat(keys.key(a)).hasSize(size);
        assertThat(Integer.signum(Arrays.compareUnsigned(keys.key(a), keys.key(b))))
                .isEqualTo(Long.signum(Long.compare(a, b)));
    }

    @Test
    void when_the_number_does_not_fit_the_key_size_then_the_error_names_both() {
        assertThatThrownBy(() -> new KeySpace(8, 1).key(10_000_000L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000000").hasMessageContaining("8 bytes");
    }

    @Test
    void values_have_the_configured_size_and_differ_by_seed() {
        KeySpace keys = new KeySpace(16, 256);
        assertThat(keys.value(1)).hasSize(256);
        assertThat(keys.value(1)).isNotEqualTo(keys.value(2));
    }

    @Test
    void when_sizes_are_out_of_range_then_construction_fails() {
        assertThatThrownBy(() -> new KeySpace(7, 256)).hasMessageContaining("key size");
        assertThatThrownBy(() -> new KeySpace(16, 0)).hasMessageContaining("value size");
    }

    @Test
    void workloads_parse_by_their_command_line_names() {
        for (Workload w : Workload.values()) {
            assertThat(Workload.parse(w.cliName().toUpperCase())).isEqualTo(w);
        }
        assertThatThrownBy(() -> Workload.parse("delete")).hasMessageContaining("stale-get");
    }
}
