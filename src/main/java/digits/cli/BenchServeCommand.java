package digits.cli;

import digits.data.LabeledImages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Many concurrent clients against the server on loopback for a fixed time. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the server on a free loopback port and post PNG digits from many concurrent clients "
        + "for a fixed time; print requests/s, p50/p99 latency and errors (target: 0 errors).")
final class BenchServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Mixin ModelOption model;

  @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "10", description = "Duration (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--slow-clients", defaultValue = "0", paramLabel = "N",
      description = "Instead of the load test: keep N connections sending a request body a byte a second and "
          + "measure /healthz and a normal /v1/predict meanwhile (target: each within 1 s).")
  int slowClients;

  @Mixin PrecisionOption precision;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    if (slowClients < 0 || clients < 1 || seconds < 1) {
      throw new UsageException("Expected --clients >= 1, --seconds >= 1 and --slow-clients >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    LabeledImages test = data.load(spec.commandLine().getErr()).test();
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      var bytes = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(digits.bench.PredictBenchmark.scan(test, i), "png", bytes);
      bodies.add(bytes.toByteArray());
    }
    var options = digits.serve.PredictionServer.Options.defaults("127.0.0.1", 0);
    try (digits.predict.DigitRecognizer recognizer =
        digits.predict.DigitRecognizer.load(model.dir, precision.value)) {
      if (slowClients > 0) {
        try (digits.serve.PredictionServer server = digits.serve.PredictionServer.start(recognizer,
            Map.of("model", model.dir.toString()), options)) {
          var r = digits.bench.ServeBenchmark.underSlowClients(
              java.net.URI.create("http://127.0.0.1:" + server.port() + "/"), bodies.get(0), slowClients, seconds);
          out.printf("%d slow clients (a byte a second each) for %d s on loopback: %d connected at the end, %d "
              + "reopened after the server's %d s body limit%n", r.slowClients(), seconds, r.connected(),
              r.reconnects(), options.requestTimeout().toSeconds());
          out.printf("  GET /healthz      p50 %6.1f ms, max %6.1f ms%n", r.healthP50Ms(), r.healthMaxMs());
          out.printf("  POST /v1/predict  p50 %6.1f ms, max %6.1f ms%n", r.predictP50Ms(), r.predictMaxMs());
          out.printf("  %d errors of %d requests%n", r.errors(), r.requests());
          return r.errors() == 0 && r.healthMaxMs() < 1000 && r.predictMaxMs() < 1000 ? 0 : 1;
        }
      }
      out.printf("%d clients for %d s each on loopback (client and server share this machine's %d cores):%n",
          clients, seconds, Runtime.getRuntime().availableProcessors());
      long errors = 0;
      for (java.time.Duration window : List.of(java.time.Duration.ZERO, options.gatherWindow())) {
        var each = new digits.serve.PredictionServer.Options(options.host(), options.port(), options.workers(),
            options.maxBodyBytes(), options.requestTimeout(), window);
        try (digits.serve.PredictionServer server = digits.serve.PredictionServer.start(recognizer,
            Map.of("model", model.dir.toString()), each)) {
          digits.bench.ServeBenchmark.Result r = digits.bench.ServeBenchmark.run(
              java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/predict"), bodies, clients, seconds);
          out.printf("  %-26s %,6.0f requests/s, latency p50 %6.1f ms, p99 %6.1f ms, %d errors of %,d%n",
              window.isZero() ? "each request alone:" : "gathered (" + window.toMillis() + " ms window):",
              r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.requests());
          errors += r.errors();
        }
      }
      return errors == 0 ? 0 : 1;
    }
  }
}
