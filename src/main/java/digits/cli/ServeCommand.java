package digits.cli;

import digits.predict.DigitRecognizer;
import digits.serve.AccessLog;
import digits.serve.PredictionServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits serve}: the JSON API and the draw-a-digit page, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve predictions over HTTP: POST /v1/predict, POST /v1/read, GET /v1/model, GET /healthz, "
        + "and a draw-a-digit page at /. Stops cleanly on SIGTERM or Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReaderModelOption model;

  @Mixin PrecisionOption precision;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--workers", defaultValue = "16",
      description = "Threads that decode and prepare request images, then wait for the shared model call "
          + "(default: ${DEFAULT-VALUE}; more than the cores, so that the system shares them and an expensive image "
          + "cannot hold the others back); beyond 256 waiting requests, 503.")
  int workers;

  @Option(names = "--max-body-mb", defaultValue = "5", description = "Largest request body (default: ${DEFAULT-VALUE} MB).")
  int maxBodyMb;

  @Option(names = "--gather-ms", defaultValue = "2", paramLabel = "MS",
      description = "How long a request's image waits for other requests' images to share one model call "
          + "(default: ${DEFAULT-VALUE}; 0 reads each request alone).")
  int gatherMs;

  @Option(names = "--quiet", description = "No access log (by default one JSON line per request on stderr).")
  boolean quiet;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    Path modelDir = model.choose(spec.commandLine().getErr());
    DigitRecognizer recognizer = DigitRecognizer.load(modelDir, precision.value);
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    PredictionServer server;
    try {
      server = PredictionServer.start(recognizer, modelInfo(modelDir, loadSeconds),
          new PredictionServer.Options(host, port, workers, maxBodyMb << 20, Duration.ofSeconds(10),
              Duration.ofMillis(gatherMs)), quiet ? AccessLog.OFF : AccessLog.to(System.err));
    } catch (java.io.IOException | IllegalArgumentException e) {
      recognizer.close();
      throw new UsageException("Cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      recognizer.close();
      stopped.countDown();
    }, "digits-serve-stop"));
    out.printf("Serving %s on http://%s:%d/ (model loaded in %.2f s); Ctrl-C or SIGTERM stops%n", modelDir, host,
        server.port(), loadSeconds);
    out.flush();
    stopped.await();
    return 0;
  }

  /**
   * What GET /v1/model reports: the model's name (its folder's, never a path on this machine), the SHA-256 of its
   * files, load time, and the run's test accuracy when its summary is there.
   */
  static Map<String, Object> modelInfo(Path model, double loadSeconds) throws java.io.IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    digits.predict.ModelFolder folder = digits.predict.ModelFolder.of(model);
    boolean shipped = digits.predict.ShippedReader.find().map(s -> s.dir().equals(folder.dir())).orElse(false);
    info.put("model", shipped ? "shipped reader" : String.valueOf(folder.dir().getFileName()));
    info.put("model_sha256", folder.fingerprint());
    info.put("load_seconds", Math.round(loadSeconds * 1000) / 1000.0);
    Path summary = model.toAbsolutePath().getParent().resolve("summary.properties");
    if (Files.isRegularFile(summary)) {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(summary)) {
        p.load(in);
      }
      for (String key : new String[] {"test_accuracy", "test_loss", "parameters"}) {
        if (p.getProperty(key) != null) {
          info.put(key, Double.parseDouble(p.getProperty(key)));
        }
      }
    }
    return info;
  }
}
