package digits.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import digits.inference.ServingSignature;
import digits.predict.DigitRecognizer;
import digits.predict.MnistPreprocessor;
import digits.predict.NumberReading;
import digits.predict.Prediction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves predictions over HTTP with the JDK's own server (no dependency, enough for a JSON API on loopback). This
 * class routes; {@link Requests} decodes and checks what comes in, {@link Responses} writes what goes out:
 *
 * <ul>
 *   <li>{@code POST /v1/predict}: one digit from a PNG/JPEG body, JSON {@code {"image": base64}}, or JSON
 *       {@code {"pixels": 28x28 numbers}} (already MNIST-style, 1 = ink; 0..255 also accepted);</li>
 *   <li>{@code POST /v1/read}: a line of digits from an image ({@code ?expect_length=N} optional);</li>
 *   <li>{@code GET /v1/model}, {@code GET /healthz}, and {@code GET /}: a page to draw a digit on.</li>
 * </ul>
 *
 * Limits: a body cap, content-type checks, a request-time cap, a bounded worker pool whose full queue makes the
 * accepting thread wait (back-pressure instead of unbounded memory). Every error a client can cause is a 4xx
 * with a JSON message; the server keeps serving.
 */
public final class PredictionServer implements AutoCloseable {
  /**
   * @param maxBodyBytes larger bodies get 413
   * @param requestTimeout a request must arrive whole within this time
   */
  public record Options(String host, int port, int workers, int maxBodyBytes, Duration requestTimeout) {
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
    }

    public static Options defaults(String host, int port) {
      return new Options(host, port, Math.max(2, Runtime.getRuntime().availableProcessors()), 5 << 20,
          Duration.ofSeconds(10));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIZE = MnistPreprocessor.SIZE;

  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final DigitRecognizer recognizer;
  private final Map<String, Object> modelInfo;
  private final Options options;

  private PredictionServer(HttpServer server, ThreadPoolExecutor workers, DigitRecognizer recognizer,
      Map<String, Object> modelInfo, Options options) {
    this.server = server;
    this.workers = workers;
    this.recognizer = recognizer;
    this.modelInfo = modelInfo;
    this.options = options;
  }

  /**
   * Starts serving {@code recognizer} (which the caller keeps and closes after this server).
   *
   * @param modelInfo what {@code GET /v1/model} reports besides the signature
   */
  public static PredictionServer start(DigitRecognizer recognizer, Map<String, Object> modelInfo, Options options)
      throws IOException {
    long seconds = Math.max(1, options.requestTimeout().toSeconds());
    System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(seconds));
    System.setProperty("sun.net.httpserver.maxRspTime", String.valueOf(Math.max(30, seconds)));
    HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(256), r -> {
          Thread t = new Thread(r, "digits-serve-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(pool);
    PredictionServer s = new PredictionServer(server, pool, recognizer, Map.copyOf(modelInfo), options);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets requests in flight finish (up to 2 s), then stops the workers. */
  @Override
  public void close() {
    server.stop(2);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (ClientError e) {
        Requests.drain(exchange);
        Responses.sendJson(exchange, e.status, Responses.error(e.getMessage()));
      } catch (RuntimeException | IOException e) {
        // Not the client's doing: say so without details that would help nobody.
        Responses.sendJson(exchange, 500, Responses.error("internal error: " + e.getClass().getSimpleName()));
      }
    }
  }

  private void route(HttpExchange x) throws IOException, ClientError {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    switch (path) {
      case "/", "/index.html" -> {
        expect(method, "GET");
        Responses.sendBytes(x, 200, "text/html; charset=utf-8", Responses.page());
      }
      case "/healthz" -> {
        expect(method, "GET");
        Responses.sendJson(x, 200, JSON.createObjectNode().put("status", "ok"));
      }
      case "/v1/model" -> {
        expect(method, "GET");
        Responses.sendJson(x, 200, model());
      }
      case "/v1/predict" -> {
        expect(method, "POST");
        Responses.sendJson(x, 200, predict(x));
      }
      case "/v1/read" -> {
        expect(method, "POST");
        Responses.sendJson(x, 200, read(x));
      }
      default -> throw new ClientError(404, "no such endpoint: " + path
          + " (try GET /, GET /healthz, GET /v1/model, POST /v1/predict, POST /v1/read)");
    }
  }

  private static void expect(String method, String allowed) throws ClientError {
    if (!method.equals(allowed)) {
      throw new ClientError(405, "method " + method + " not allowed here; use " + allowed);
    }
  }

  private ObjectNode model() {
    ObjectNode m = JSON.createObjectNode();
    modelInfo.forEach((k, v) -> m.putPOJO(k, v));
    ObjectNode sig = m.putObject("signature");
    sig.put("key", ServingSignature.KEY);
    sig.put("input", ServingSignature.IMAGE + ": float32 [-1, 28, 28, 1], 1 = ink");
    var outputs = sig.putArray("outputs").add(ServingSignature.PROBABILITIES).add(ServingSignature.LOGITS)
        .add(ServingSignature.CLASS);
    if (recognizer.hasNonDigitClass()) {
      outputs.add(ServingSignature.NOT_A_DIGIT);
    }
    m.put("confidence_exponent", recognizer.confidenceExponent());
    return m;
  }

  private ObjectNode predict(HttpExchange x) throws IOException, ClientError {
    Requests.Body body = Requests.body(x, options.maxBodyBytes());
    Prediction p;
    String input;
    if (body.json() != null) {
      JsonNode json = body.json();
      if (json.has("pixels")) {
        p = recognizer.classify(List.of(Requests.pixels(json.get("pixels")))).get(0);
        input = "pixels";
      } else if (json.has("image")) {
        p = recognizeOne(Requests.base64Image(json.get("image")));
        input = "image";
      } else {
        throw new ClientError(400, "expected a JSON object with \"image\" (base64 PNG/JPEG) or \"pixels\" (28x28)");
      }
    } else {
      p = recognizeOne(Requests.decode(body.bytes()));
      input = "image";
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("digit", p.digit());
    out.put("confidence", p.confidence());
    ArrayNode probabilities = out.putArray("probabilities");
    for (float v : p.probabilities()) {
      probabilities.add(v);
    }
    out.put("input", input);
    return out;
  }

  private ObjectNode read(HttpExchange x) throws IOException, ClientError {
    int expected = Requests.expectLength(x.getRequestURI().getQuery());
    double minConfidence = Requests.minConfidence(x.getRequestURI().getQuery());
    Requests.Body body = Requests.body(x, options.maxBodyBytes());
    BufferedImage image = body.json() != null ? Requests.base64Image(body.json().get("image")) : Requests.decode(body.bytes());
    NumberReading reading;
    try {
      reading = recognizer.readNumber(image, expected);
    } catch (IllegalArgumentException e) {
      throw new ClientError(422, e.getMessage());
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("text", reading.text());
    out.put("confidence", reading.confidence());
    out.put("uncertain", reading.uncertain(minConfidence));
    ArrayNode digits = out.putArray("digits");
    for (Prediction p : reading.digits()) {
      digits.addObject().put("digit", p.digit()).put("confidence", p.confidence());
    }
    return out;
  }


  private Prediction recognizeOne(BufferedImage image) throws ClientError {
    try {
      return recognizer.recognize(image);
    } catch (IllegalArgumentException e) {
      throw new ClientError(422, e.getMessage());
    }
  }

}
