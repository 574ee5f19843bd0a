package io.raftkv.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void when_registry_has_every_kind_then_text_is_valid_and_values_match() {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.register(new Counter("t_requests_total", "Requests \\ seen"));
        AtomicLong term = new AtomicLong(7);
        r.register(new Gauge("t_term", "Term", term::get));
        CounterFamily errors = r.register(new CounterFamily("t_errors_total", "Errors by code", "code"));
        r.register(new GaugeFamily("t_match", "Match by peer", "peer", () -> Map.of("n2", 5L, "we\"ird\\\nid", 3L)));
        Histogram h = r.register(new Histogram("t_latency_seconds", "Latency", new double[] {0.001, 0.01, 0.1}));
        c.add(3);
        errors.increment("NOT_LEADER");
        errors.increment("NOT_LEADER");
        errors.increment("TIMEOUT");
        h.observe(0.0005);
        h.observe(0.001);
        h.observe(0.05);
        h.observe(3);

        String text = PrometheusText.render(r);
        Map<String, Double> s = PrometheusTextParser.parse(text);

        assertThat(text).contains("# HELP t_requests_total Requests \\\\ seen\n# TYPE t_requests_total counter\n")
                .contains("# TYPE t_latency_seconds histogram\n")
                .contains("t_match{peer=\"we\\\"ird\\\\\\nid\"} 3\n");
        assertThat(s).containsEntry("t_requests_total", 3.0).containsEntry("t_term", 7.0)
                .containsEntry("t_errors_total{code=\"NOT_LEADER\"}", 2.0)
                .containsEntry("t_errors_total{code=\"TIMEOUT\"}", 1.0)
                .containsEntry("t_match{peer=\"n2\"}", 5.0)
                .containsEntry("t_latency_seconds_bucket{le=\"0.001\"}", 2.0)
                .containsEntry("t_latency_seconds_bucket{le=\"0.01\"}", 2.0)
                .containsEntry("t_latency_seconds_bucket{le=\"0.1\"}", 3.0)
                .containsEntry("t_latency_seconds_bucket{le=\"+Inf\"}", 4.0)
                .containsEntry("t_latency_seconds_count", 4.0);
        assertThat(s.get("t_latency_seconds_sum")).isCloseTo(3.0515, org.assertj.core.data.Offset.offset(1e-9));
        term.set(8);
        assertThat(PrometheusTextParser.parse(PrometheusText.render(r))).containsEntry("t_term", 8.0);
    }

    @Test
    void when_numbers_are_rendered_then_integers_have_no_fraction_and_others_are_plain_decimal() {
        assertThat(PrometheusText.number(42)).isEqualTo("42");
        assertThat(PrometheusText.number(0.0005)).isEqualTo("0.0005");
        assertThat(PrometheusText.number(1e-7)).isEqualTo("0.0000001");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void when_names_or_bounds_are_invalid_then_construction_fails_naming_them() {
        assertThatThrownBy(() -> new Counter("1bad", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1bad");
        assertThatThrownBy(() -> new Counter("ok", "two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CounterFamily("ok", "x", "le")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CounterFamily("ok", "x", "__x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram("h", "x", new double[] {1, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new Counter("c_total", "x").add(-1)).isInstanceOf(IllegalArgumentException.class);
        MetricRegistry r = new MetricRegistry();
        r.register(new Counter("dup", "x"));
        assertThatThrownBy(() -> r.register(new Gauge("dup", "y", () -> 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dup");
    }

    @Test
    void when_text_breaks_the_format_then_the_test_parser_refuses_it() {
        String ok = "# HELP a_total A\n# TYPE a_total counter\na_total 1\n";
        assertThat(PrometheusTextParser.parse(ok)).containsEntry("a_total", 1.0);
        String[] broken = {
            "a_total 1\n", // no HELP/TYPE
            "# HELP a_total A\n# TYPE a_total counter\nb_total 1\n", // outside family
            "# HELP a_total A\n# TYPE a_total counter\na_total{x=1} 1\n", // unquoted label
            "# HELP a_total A\n# TYPE a_total counter\na_total{x=\"\\t\"} 1\n", // bad escape
            "# HELP a_total A\n# TYPE a_total counter\na_total  1\n", // two spaces
            "# HELP a_total A\n# TYPE a_total counter\na_total 1\na_total 2\n", // duplicate
            "# HELP a_total A\n# TYPE a_total counter\na_total -1\n", // negative counter
            "# HELP h A\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
            "# HELP h A\n# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
            "# HELP h A\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n",
            "# HELP h A\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",
            "# HELP a_total A\n# TYPE a_total counter\na_total 1", // no final newline
        };
        for (String b : broken) {
            assertThatThrownBy(() -> PrometheusTextParser.parse(b)).as(b).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
