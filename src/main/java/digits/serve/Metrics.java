package digits.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What {@code GET /metrics} reports, in Prometheus's text format: requests by endpoint and status, their latency,
 * the images per model call, the queue and the bytes in flight, readings marked uncertain, and which model is
 * served and how long it took to load. One registry per server, so that two servers in one JVM (tests) never mix.
 */
final class Metrics {
  /** Content type of the text format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Set<String> endpoints;
  private final Counter requests;
  private final Histogram latency;
  private final Histogram batch;
  private final Counter readings;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /**
   * @param endpoints the paths counted by name; any other path counts as {@code other} (a scanner's paths never
   *     grow the series)
   */
  Metrics(Set<String> endpoints, LongSupplier queued, LongSupplier bytesInFlight) {
    this.endpoints = Set.copyOf(endpoints);
    requests = Counter.builder().name("digits_http_requests_total").help("HTTP requests answered")
        .labelNames("endpoint", "status").register(registry);
    latency = Histogram.builder().name("digits_http_request_duration_seconds")
        .help("Time from a request's arrival to its answer").labelNames("endpoint")
        .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
    batch = Histogram.builder().name("digits_model_call_images").help("Images read together in one model call")
        .classicOnly().classicUpperBounds(1, 2, 4, 8, 16, 32, 64).register(registry);
    readings = Counter.builder().name("digits_readings_total")
        .help("Readings answered, by whether they were marked uncertain").labelNames("uncertain").register(registry);
    GaugeWithCallback.builder().name("digits_queued_requests").help("Requests waiting for a worker")
        .callback(c -> c.call(queued.getAsLong())).register(registry);
    GaugeWithCallback.builder().name("digits_bytes_in_flight").help("Bytes of request bodies held at once")
        .callback(c -> c.call(bytesInFlight.getAsLong())).register(registry);
  }

  /** The model served: its name and fingerprint, and the seconds it took to load. */
  void model(String name, String sha256, double loadSeconds) {
    Info.builder().name("digits_model_info").help("The model served").labelNames("name", "sha256")
        .register(registry).setLabelValues(name, sha256);
    Gauge.builder().name("digits_model_load_seconds").help("Seconds the model took to load").register(registry)
        .set(loadSeconds);
  }

  void request(String path, int status, double seconds) {
    String endpoint = endpoints.contains(path) ? path : "other";
    requests.labelValues(endpoint, String.valueOf(status)).inc();
    latency.labelValues(endpoint).observe(seconds);
  }

  void modelCall(int images) {
    batch.observe(images);
  }

  void reading(boolean uncertain) {
    readings.labelValues(String.valueOf(uncertain)).inc();
  }

  /** Every metric, in the text format. */
  byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toByteArray();
  }
}
