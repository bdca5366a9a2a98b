package digits.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import digits.inference.ServingSignature;
import digits.predict.DigitRecognizer;
import digits.predict.ImageFiles;
import digits.predict.MnistPreprocessor;
import digits.predict.NumberReading;
import digits.predict.Prediction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves predictions over HTTP with the JDK's own server (no dependency, enough for a JSON API on loopback):
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
        drain(exchange);
        sendJson(exchange, e.status, error(e.getMessage()));
      } catch (RuntimeException | IOException e) {
        // Not the client's doing: say so without details that would help nobody.
        sendJson(exchange, 500, error("internal error: " + e.getClass().getSimpleName()));
      }
    }
  }

  private void route(HttpExchange x) throws IOException, ClientError {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    switch (path) {
      case "/", "/index.html" -> {
        expect(method, "GET");
        sendBytes(x, 200, "text/html; charset=utf-8", page());
      }
      case "/healthz" -> {
        expect(method, "GET");
        sendJson(x, 200, JSON.createObjectNode().put("status", "ok"));
      }
      case "/v1/model" -> {
        expect(method, "GET");
        sendJson(x, 200, model());
      }
      case "/v1/predict" -> {
        expect(method, "POST");
        sendJson(x, 200, predict(x));
      }
      case "/v1/read" -> {
        expect(method, "POST");
        sendJson(x, 200, read(x));
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
    Body body = body(x);
    Prediction p;
    String input;
    if (body.json() != null) {
      JsonNode json = body.json();
      if (json.has("pixels")) {
        p = recognizer.classify(List.of(pixels(json.get("pixels")))).get(0);
        input = "pixels";
      } else if (json.has("image")) {
        p = recognizeOne(base64Image(json.get("image")));
        input = "image";
      } else {
        throw new ClientError(400, "expected a JSON object with \"image\" (base64 PNG/JPEG) or \"pixels\" (28x28)");
      }
    } else {
      p = recognizeOne(decode(body.bytes()));
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
    int expected = expectLength(x.getRequestURI().getQuery());
    double minConfidence = minConfidence(x.getRequestURI().getQuery());
    Body body = body(x);
    BufferedImage image = body.json() != null ? base64Image(body.json().get("image")) : decode(body.bytes());
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

  private static int expectLength(String query) throws ClientError {
    if (query == null) {
      return 0;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("expect_length=")) {
        try {
          int n = Integer.parseInt(part.substring("expect_length=".length()));
          if (n < 0 || n > 100) {
            throw new NumberFormatException();
          }
          return n;
        } catch (NumberFormatException e) {
          throw new ClientError(400, "expect_length must be a whole number from 0 to 100");
        }
      }
    }
    return 0;
  }

  /** {@code min_confidence=P}: readings below P are marked uncertain (default 0: none is). */
  private static double minConfidence(String query) throws ClientError {
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("min_confidence=")) {
          try {
            double p = Double.parseDouble(part.substring("min_confidence=".length()));
            if (!(p >= 0 && p <= 1)) {
              throw new NumberFormatException();
            }
            return p;
          } catch (NumberFormatException e) {
            throw new ClientError(400, "min_confidence must be a number from 0 to 1");
          }
        }
      }
    }
    return 0;
  }

  private Prediction recognizeOne(BufferedImage image) throws ClientError {
    try {
      return recognizer.recognize(image);
    } catch (IllegalArgumentException e) {
      throw new ClientError(422, e.getMessage());
    }
  }

  private static BufferedImage decode(byte[] bytes) throws ClientError {
    try {
      return ImageFiles.decode(bytes, "body");
    } catch (IOException e) {
      throw new ClientError(400, e.getMessage());
    }
  }

  private static BufferedImage base64Image(JsonNode node) throws ClientError {
    if (node == null || !node.isTextual()) {
      throw new ClientError(400, "\"image\" must be a base64 string (a data: URL is fine)");
    }
    String text = node.asText();
    int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
    try {
      return decode(Base64.getDecoder().decode(text.substring(comma + 1).replaceAll("\\s", "")));
    } catch (IllegalArgumentException e) {
      throw new ClientError(400, "\"image\" is not valid base64: " + e.getMessage());
    }
  }

  /** 28 rows of 28 numbers, or 784 numbers; values in [0, 1] (1 = ink) or, if any is above 1, in [0, 255]. */
  static float[] pixels(JsonNode node) throws ClientError {
    float[] v = new float[SIZE * SIZE];
    if (node == null || !node.isArray()) {
      throw new ClientError(400, "\"pixels\" must be an array of 28 rows of 28 numbers (or 784 numbers)");
    }
    if (node.size() == SIZE * SIZE) {
      for (int i = 0; i < v.length; i++) {
        v[i] = number(node.get(i), i);
      }
    } else if (node.size() == SIZE) {
      for (int y = 0; y < SIZE; y++) {
        JsonNode row = node.get(y);
        if (!row.isArray() || row.size() != SIZE) {
          throw new ClientError(400, "\"pixels\" row " + y + " must hold 28 numbers, received "
              + (row.isArray() ? row.size() + " values" : row.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        for (int xx = 0; xx < SIZE; xx++) {
          v[y * SIZE + xx] = number(row.get(xx), y * SIZE + xx);
        }
      }
    } else {
      throw new ClientError(400, "\"pixels\" must be 28x28 (or 784 numbers), received " + node.size() + " entries");
    }
    float max = 0;
    for (float f : v) {
      max = Math.max(max, f);
    }
    if (max > 1) {
      for (int i = 0; i < v.length; i++) {
        v[i] *= digits.data.Pixels.SCALE;
      }
    }
    return v;
  }

  private static float number(JsonNode n, int index) throws ClientError {
    if (n == null || !n.isNumber()) {
      throw new ClientError(400, "\"pixels\" value " + index + " is not a number");
    }
    double d = n.asDouble();
    if (!(d >= 0 && d <= 255)) {
      throw new ClientError(400, "\"pixels\" value " + index + " is " + d + "; expected 0..1 (or 0..255)");
    }
    return (float) d;
  }

  /** A request body: raw bytes of an image, or parsed JSON. */
  private record Body(byte[] bytes, JsonNode json) {}

  private Body body(HttpExchange x) throws IOException, ClientError {
    String type = x.getRequestHeaders().getFirst("Content-Type");
    String mime = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
    boolean json = mime.equals("application/json");
    if (!json && !mime.equals("image/png") && !mime.equals("image/jpeg") && !mime.equals("application/octet-stream")) {
      throw new ClientError(415, "Content-Type must be image/png, image/jpeg, application/octet-stream or "
          + "application/json; received " + (type == null ? "none" : type));
    }
    String length = x.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > options.maxBodyBytes()) {
          throw new ClientError(413, "body of " + length + " bytes is over the limit of " + options.maxBodyBytes());
        }
      } catch (NumberFormatException e) {
        throw new ClientError(400, "bad Content-Length: " + length);
      }
    }
    byte[] bytes;
    try (InputStream in = x.getRequestBody()) {
      bytes = in.readNBytes(options.maxBodyBytes() + 1);
    }
    if (bytes.length > options.maxBodyBytes()) {
      throw new ClientError(413, "body is over the limit of " + options.maxBodyBytes() + " bytes");
    }
    if (bytes.length == 0) {
      throw new ClientError(400, "empty body: send an image or JSON");
    }
    if (!json) {
      return new Body(bytes, null);
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ClientError(400, "expected a JSON object");
      }
      return new Body(null, node);
    } catch (JsonProcessingException e) {
      throw new ClientError(400, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** Discards what is left of a request body (up to {@value #DRAIN_LIMIT} bytes) so the client reads the answer. */
  private static void drain(HttpExchange x) {
    try (InputStream in = x.getRequestBody()) {
      byte[] sink = new byte[1 << 16];
      long total = 0;
      for (int n; total < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // the connection is closed with the exchange
    }
  }

  private static final long DRAIN_LIMIT = 64L << 20;

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void sendJson(HttpExchange x, int status, JsonNode body) throws IOException {
    sendBytes(x, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void sendBytes(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] page;

  private static synchronized byte[] page() throws IOException {
    if (page == null) {
      try (InputStream in = PredictionServer.class.getResourceAsStream("index.html")) {
        if (in == null) {
          throw new IOException("index.html missing from the build");
        }
        page = in.readAllBytes();
      }
    }
    return page;
  }
}
