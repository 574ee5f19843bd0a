package io.raftkv.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The HTTP port on a real socket, with the JDK's HTTP client. */
class MetricsHttpServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(InetSocketAddress a, String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void when_scraped_then_metrics_and_health_answer_and_other_requests_are_refused() throws Exception {
        NodeMetrics metrics = NodeMetrics.create();
        AtomicReference<Health> health = new AtomicReference<>(new Health(true, "ok", "n1", "LEADER", "n1", 3));
        try (MetricsHttpServer server = new MetricsHttpServer("n1", new InetSocketAddress("127.0.0.1", 0),
                metrics.registry(), health::get)) {
            InetSocketAddress a = server.start();
            metrics.proposed();
            metrics.synced(2_000_000);
            metrics.error("NOT_LEADER");

            HttpResponse<String> m = send(a, "GET", "/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("content-type")).hasValue(PrometheusText.CONTENT_TYPE);
            assertThat(PrometheusTextParser.parse(m.body())).containsEntry("raftkv_proposals_total", 1.0)
                    .containsEntry("raftkv_fsync_seconds_count", 1.0)
                    .containsEntry("raftkv_fsync_seconds_bucket{le=\"0.002\"}", 1.0)
                    .containsEntry("raftkv_fsync_seconds_bucket{le=\"0.001\"}", 0.0)
                    .containsEntry("raftkv_client_errors_total{code=\"NOT_LEADER\"}", 1.0);

            HttpResponse<String> h = send(a, "GET", "/health");
            assertThat(h.statusCode()).isEqualTo(200);
            assertThat(h.body()).contains("\"status\":\"ok\"", "\"role\":\"LEADER\"", "\"leader\":\"n1\"",
                    "\"term\":3");
            health.set(new Health(false, "stopping", "n1", "FOLLOWER", null, 4));
            HttpResponse<String> stopping = send(a, "GET", "/health");
            assertThat(stopping.statusCode()).isEqualTo(503);
            assertThat(stopping.body()).contains("\"status\":\"stopping\"", "\"leader\":null");

            assertThat(send(a, "GET", "/nope").statusCode()).isEqualTo(404);
            assertThat(send(a, "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void when_the_port_is_taken_then_start_fails_naming_the_address() throws Exception {
        try (MetricsHttpServer first = new MetricsHttpServer("n1", new InetSocketAddress("127.0.0.1", 0),
                new MetricRegistry(), () -> new Health(true, "ok", "n1", "LEADER", null, 0))) {
            InetSocketAddress taken = first.start();
            MetricsHttpServer second = new MetricsHttpServer("n2", taken, new MetricRegistry(),
                    () -> new Health(true, "ok", "n2", "LEADER", null, 0));
            try {
                assertThatThrownBy(second::start).isInstanceOf(MetricsException.class)
                        .hasMessageContaining(String.valueOf(taken.getPort())).hasMessageContaining("--metrics-port");
            } finally {
                second.close();
            }
        }
    }
}
