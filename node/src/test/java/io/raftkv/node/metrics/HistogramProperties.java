package io.raftkv.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class HistogramProperties {

    @Property(tries = 200)
    void rendered_buckets_count_each_observation_in_the_first_bound_at_or_above_it(
            @ForAll @Size(max = 50) List<@DoubleRange(min = 0, max = 10) Double> observations) {
        MetricRegistry r = new MetricRegistry();
        Histogram h = r.register(new Histogram("p_seconds", "p", Histogram.LATENCY_SECONDS));
        observations.forEach(h::observe);

        Map<String, Double> s = PrometheusTextParser.parse(PrometheusText.render(r));

        for (double bound : Histogram.LATENCY_SECONDS) {
            long expected = observations.stream().filter(o -> o <= bound).count();
            assertThat(s.get("p_seconds_bucket{le=\"" + PrometheusText.number(bound) + "\"}"))
                    .as("le=%s", bound).isEqualTo((double) expected);
        }
        assertThat(s.get("p_seconds_count")).isEqualTo((double) observations.size());
        assertThat(s.get("p_seconds_sum")).isCloseTo(observations.stream().mapToDouble(Double::doubleValue).sum(),
                org.assertj.core.data.Offset.offset(1e-6));
    }
}
