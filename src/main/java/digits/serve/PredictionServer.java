package digits.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import digits.predict.DigitRecognizer;
import digits.predict.Gathering;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves predictions over HTTP. This class routes and paces; {@link Requests} decodes and checks what comes in,
 * {@link Answers} reads the images and says what the endpoints answer, {@link Responses} writes it:
 *
 * <ul>
 *   <li>{@code POST /v1/predict}: one digit from a PNG/JPEG body, JSON {@code {"image": base64}}, or JSON
 *       {@code {"pixels": 28x28 numbers}} (already MNIST-style, 1 = ink; 0..255 also accepted);</li>
 *   <li>{@code POST /v1/read}: a line of digits from an image ({@code ?expect_length=N} optional);</li>
 *   <li>{@code GET /v1/model}, {@code GET /healthz}, {@code GET /readyz}, and {@code GET /}: a page to draw a
 *       digit on;</li>
 *   <li>the Open Inference Protocol under {@code /v2} ({@link OpenInference}), Prometheus metrics at
 *       {@code /metrics} ({@link Metrics}), this API described at {@code /openapi.json}.</li>
 * </ul>
 *
 * One JSON line per request goes to the {@link AccessLog}.
 *
 * Concurrent requests' images are gathered into shared model calls ({@link digits.predict.Gathering}, within
 * {@link Options#gatherWindow}). Jetty reads requests without holding a thread while a client is slow: a body is
 * gathered as its bytes arrive and only a whole one reaches a worker, so clients that trickle bytes cannot keep
 * {@code /healthz} or anyone else's prediction waiting. Limits: a body cap, content-type checks, a time limit for a body to arrive whole, a bounded
 * pool of model workers whose full queue answers 503. Every error a client can cause is a 4xx with a JSON message;
 * the server keeps serving. {@link #close} lets requests in flight finish.
 */
public final class PredictionServer implements AutoCloseable {
  /**
   * @param workers threads that run the model
   * @param maxBodyBytes larger bodies get 413
   * @param requestTimeout a request body must arrive whole within this time, else 408
   * @param gatherWindow how long the first image waits for other requests' images to share its model call; zero
   *     reads each request on its own
   */
  public record Options(String host, int port, int workers, int maxBodyBytes, Duration requestTimeout,
      Duration gatherWindow) {
    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Expected a port in [0, 65535], received " + port);
      }
      if (workers < 1) {
        throw new IllegalArgumentException("Expected workers >= 1, received " + workers);
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("Expected a body limit of at least 1024 bytes, received " + maxBodyBytes);
      }
      if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("Expected a positive request timeout, received " + requestTimeout);
      }
      if (gatherWindow == null || gatherWindow.isNegative() || gatherWindow.toMillis() > 1000) {
        throw new IllegalArgumentException("Expected a gathering window from 0 to 1000 ms, received " + gatherWindow);
      }
    }

    public static Options defaults(String host, int port) {
      return new Options(host, port, Math.max(2, Runtime.getRuntime().availableProcessors()), 5 << 20,
          Duration.ofSeconds(10), DEFAULT_GATHER);
    }
  }

  /** The default gathering window. */
  public static final Duration DEFAULT_GATHER = Duration.ofMillis(2);
  /** The most images gathered into one model call. */
  private static final int GATHER_MAX = 64;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long {@link #close} waits for requests in flight. */
  private static final long DRAIN_MILLIS = 2000;
  /** A model call running longer than this makes {@code /readyz} say no. */
  private static final Duration STALLED = Duration.ofSeconds(10);

  /** Every path served, with its method: the 404's hint, the metrics' endpoints and the OpenAPI test's list. */
  static final Map<String, String> ROUTES = routes();

  private static Map<String, String> routes() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("/", "GET");
    r.put("/healthz", "GET");
    r.put("/readyz", "GET");
    r.put("/metrics", "GET");
    r.put("/openapi.json", "GET");
    r.put("/v1/model", "GET");
    r.put("/v1/predict", "POST");
    r.put("/v1/read", "POST");
    r.put("/v2", "GET");
    r.put("/v2/health/live", "GET");
    r.put("/v2/health/ready", "GET");
    r.put("/v2/models/" + OpenInference.MODEL, "GET");
    r.put("/v2/models/" + OpenInference.MODEL + "/ready", "GET");
    r.put("/v2/models/" + OpenInference.MODEL + "/infer", "POST");
    return java.util.Collections.unmodifiableMap(r);
  }

  private final Server server;
  private final ServerConnector connector;
  private final Intake intake;
  private final Gathering gatherer;
  private final Answers answers;
  private final OpenInference v2;
  private final Metrics metrics;
  private final AccessLog log;
  private final AtomicLong ids = new AtomicLong();

  private PredictionServer(DigitRecognizer recognizer, Map<String, Object> modelInfo, Options options,
      AccessLog log) {
    this.intake = new Intake(options);
    this.metrics = new Metrics(ROUTES.keySet(), intake::queued, intake::bytesInFlight);
    metrics.model(String.valueOf(modelInfo.getOrDefault("model", "")),
        String.valueOf(modelInfo.getOrDefault("model_sha256", "")),
        modelInfo.get("load_seconds") instanceof Number n ? n.doubleValue() : 0);
    this.gatherer = options.gatherWindow().isZero() ? null
        : recognizer.gathering(options.gatherWindow(), GATHER_MAX, metrics::modelCall);
    this.answers = new Answers(recognizer, gatherer, modelInfo, metrics, Answers.MAX_PIXELS_IN_FLIGHT);
    String version = PredictionServer.class.getPackage().getImplementationVersion();
    this.v2 = new OpenInference(recognizer, answers, version == null ? "dev" : version);
    this.log = log;
    QueuedThreadPool io = new QueuedThreadPool();
    io.setName("digits-http");
    io.setDaemon(true);
    this.server = new Server(io);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    server.setHandler(new GracefulHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        PredictionServer.this.handle(request, response, recorded(request, response, callback));
        return true;
      }
    }));
    server.setStopTimeout(DRAIN_MILLIS);
  }

  /**
   * Starts serving {@code recognizer} (which the caller keeps and closes after this server), with no access log.
   *
   * @param modelInfo what {@code GET /v1/model} reports besides the signature
   * @throws IOException when the address cannot be bound
   */
  public static PredictionServer start(DigitRecognizer recognizer, Map<String, Object> modelInfo, Options options)
      throws IOException {
    return start(recognizer, modelInfo, options, AccessLog.OFF);
  }

  /** As above, writing one line per request to {@code log}. */
  public static PredictionServer start(DigitRecognizer recognizer, Map<String, Object> modelInfo, Options options,
      AccessLog log) throws IOException {
    PredictionServer s = new PredictionServer(recognizer, modelInfo, options, log);
    try {
      s.server.start();
    } catch (Exception e) {
      s.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    return s;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting, lets requests in flight finish (up to 2 s), then stops the workers. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: the workers below still stop
    }
    intake.close();
    if (gatherer != null) {
      gatherer.close();
    }
  }

  /** {@code callback}, counting the request in the metrics and the access log once it is answered. */
  private Callback recorded(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String id = "r" + ids.incrementAndGet();
    request.setAttribute(Intake.REQUEST_ID, id);
    Runnable record = () -> {
      double seconds = (System.nanoTime() - start) / 1e9;
      String path = Request.getPathInContext(request);
      metrics.request(path, response.getStatus(), seconds);
      log.record(id, request.getMethod(), path, response.getStatus(), seconds * 1000, request.getLength());
    };
    return new Callback() {
      @Override
      public void succeeded() {
        record.run();
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        record.run();
        callback.failed(x);
      }
    };
  }

  private void handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String query = request.getHttpURI().getQuery();
    try {
      String allowed = ROUTES.get(path);
      if (allowed == null) {
        throw new ClientError(404, "no such endpoint: " + path + " (see GET /openapi.json; try GET /, "
            + "GET /healthz, GET /v1/model, POST /v1/predict, POST /v1/read, GET /v2, GET /metrics)");
      }
      expect(request.getMethod(), allowed);
      switch (path) {
        case "/" -> Responses.send(response, callback, 200, "text/html; charset=utf-8", Responses.page());
        case "/healthz", "/v2/health/live" -> Responses.sendJson(response, callback, 200,
            JSON.createObjectNode().put("status", "ok").put("live", true));
        case "/readyz", "/v2/health/ready", "/v2/models/" + OpenInference.MODEL + "/ready" -> readiness(response,
            callback);
        case "/metrics" -> Responses.send(response, callback, 200, Metrics.CONTENT_TYPE, metrics.scrape());
        case "/openapi.json" -> Responses.send(response, callback, 200, "application/json", Responses.openApi());
        case "/v1/model" -> Responses.sendJson(response, callback, 200, answers.model());
        case "/v1/predict" -> intake.withBody(request, response, callback, answers::predict);
        case "/v1/read" -> {
          int expected = Requests.expectLength(query);
          double minConfidence = Requests.minConfidence(query);
          intake.withBody(request, response, callback, body -> answers.read(body, expected, minConfidence));
        }
        case "/v2" -> Responses.sendJson(response, callback, 200, v2.server());
        case "/v2/models/" + OpenInference.MODEL -> Responses.sendJson(response, callback, 200, v2.model());
        case "/v2/models/" + OpenInference.MODEL + "/infer" -> intake.withBody(request, response, callback,
            v2::infer);
        default -> throw new IllegalStateException("route without a handler: " + path);
      }
    } catch (ClientError e) {
      intake.afterBody(request, () -> Responses.sendJson(response, callback, e.status,
          Responses.error(e.getMessage())));
    } catch (IOException | RuntimeException e) {
      Intake.internalError(response, callback, e);
    }
  }

  /** Ready unless a model call has run for {@link #STALLED}: 200, or 503 with how long it has run. */
  private void readiness(Response response, Callback callback) {
    Duration stalled = gatherer == null ? Duration.ZERO : gatherer.stalledFor();
    boolean ready = stalled.compareTo(STALLED) < 0;
    Responses.sendJson(response, callback, ready ? 200 : 503, JSON.createObjectNode()
        .put("status", ready ? "ready" : "stalled").put("ready", ready)
        .put("model_call_seconds", stalled.toMillis() / 1000.0)
        .put("bytes_in_flight", intake.bytesInFlight()).put("queued", intake.queued()));
  }

  private static void expect(String method, String allowed) throws ClientError {
    if (!method.equals(allowed)) {
      throw new ClientError(405, "method " + method + " not allowed here; use " + allowed);
    }
  }
}
