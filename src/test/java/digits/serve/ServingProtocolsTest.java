package digits.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import digits.predict.DigitRecognizer;
import digits.predict.Handwriting;
import digits.predict.ReadRequest;
import digits.predict.ShortMnistModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Open Inference Protocol (v2), Prometheus metrics, the OpenAPI document and the access log, over loopback. */
class ServingProtocolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static DigitRecognizer recognizer;
  private static PredictionServer server;

  @BeforeAll
  static void start() throws IOException {
    recognizer = DigitRecognizer.load(ShortMnistModel.savedModel());
    server = PredictionServer.start(recognizer, Map.of("model", "short-mnist", "model_sha256", "abc123",
        "load_seconds", 0.5), PredictionServer.Options.defaults("127.0.0.1", 0),
        AccessLog.to(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() {
    server.close();
    recognizer.close();
  }

  private static HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> r) throws IOException {
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static String base64Png(String digits) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(Handwriting.draw(digits, Handwriting.Style.PLAIN, 0.25), "png", out);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static JsonNode output(JsonNode response, String name) {
    for (JsonNode o : response.get("outputs")) {
      if (o.get("name").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no output " + name + " in " + response);
  }

  @Test
  void v2MetadataAndHealthSayWhatTheModelTakesAndGives() throws Exception {
    assertEquals("digits", ok(send("GET", "/v2", null)).get("name").asText());
    assertTrue(ok(send("GET", "/v2/health/live", null)).get("live").asBoolean());
    assertTrue(ok(send("GET", "/v2/health/ready", null)).get("ready").asBoolean());
    assertTrue(ok(send("GET", "/v2/models/digits/ready", null)).get("ready").asBoolean());
    JsonNode model = ok(send("GET", "/v2/models/digits", null));
    assertEquals("image", model.get("inputs").get(0).get("name").asText());
    assertEquals("FP32", model.get("inputs").get(0).get("datatype").asText());
    assertEquals("[-1,28,28,1]", model.get("inputs").get(0).get("shape").toString());
    assertEquals("BYTES", model.get("inputs").get(1).get("datatype").asText());
    JsonNode unknown = JSON.readTree(send("GET", "/v2/models/other", null).body());
    assertTrue(unknown.has("error"), unknown.toString());
    assertEquals(404, send("GET", "/v2/models/other", null).statusCode());
  }

  @Test
  void v2InferReadsADigitAsTheModelsTensorAndAsAnEncodedImage() throws Exception {
    float[] three = DigitRecognizer.input(Handwriting.draw("3", Handwriting.Style.PLAIN, 0));
    float[] seven = DigitRecognizer.input(Handwriting.draw("7", Handwriting.Style.PLAIN, 0));
    ObjectNode request = JSON.createObjectNode().put("id", "q1");
    ObjectNode tensor = request.putArray("inputs").addObject().put("name", "image").put("datatype", "FP32");
    tensor.putArray("shape").add(2).add(28).add(28).add(1);
    ArrayNode data = tensor.putArray("data");
    for (float[] x : List.of(three, seven)) {
      for (float v : x) {
        data.add(v);
      }
    }
    JsonNode answer = ok(send("POST", "/v2/models/digits/infer", request.toString()));
    assertEquals("q1", answer.get("id").asText());
    assertEquals("[3,7]", output(answer, "class").get("data").toString());
    assertEquals("[2,10]", output(answer, "probabilities").get("shape").toString());
    assertEquals(20, output(answer, "probabilities").get("data").size());

    ObjectNode read = JSON.createObjectNode();
    read.putObject("parameters").put("min_confidence", 0.0);
    ObjectNode images = read.putArray("inputs").addObject().put("name", "image_bytes").put("datatype", "BYTES");
    images.putArray("shape").add(2);
    images.putArray("data").add(base64Png("7")).add(base64Png("90210"));
    JsonNode readings = ok(send("POST", "/v2/models/digits/infer", read.toString()));
    assertEquals("7", output(readings, "text").get("data").get(0).asText());
    String alone = recognizer.read(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), ReadRequest.LINE).text();
    assertEquals(alone, output(readings, "text").get("data").get(1).asText(), "as the Java API reads it");
    assertEquals("[false,false]", output(readings, "uncertain").get("data").toString(), "min_confidence 0");
    assertEquals(2, output(readings, "confidence").get("data").size());
  }

  @Test
  void v2ErrorsAreOneJsonLineWithA4xx() throws Exception {
    for (String bad : List.of("{}", "{\"inputs\": []}", "[1, 2]",
        "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"FP32\", \"shape\": [1, 28, 28, 1], \"data\": [1, 2]}]}",
        "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"FP32\", \"shape\": [99999999999, 99999999999], "
            + "\"data\": [0]}]}",
        "{\"inputs\": [{\"name\": \"image_bytes\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"%%%\"]}]}",
        "{\"inputs\": [{\"name\": \"other\", \"datatype\": \"INT8\", \"shape\": [1], \"data\": [1]}]}")) {
      HttpResponse<String> r = send("POST", "/v2/models/digits/infer", bad);
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
      assertTrue(JSON.readTree(r.body()).get("error").asText().length() > 5, r.body());
    }
    String blank = Base64.getEncoder().encodeToString(pngOf(new java.awt.image.BufferedImage(40, 40,
        java.awt.image.BufferedImage.TYPE_BYTE_GRAY)));
    HttpResponse<String> r = send("POST", "/v2/models/digits/infer", "{\"inputs\": [{\"name\": \"image_bytes\", "
        + "\"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"" + blank + "\"]}]}");
    assertEquals(400, r.statusCode());
    assertEquals("image_bytes[0]: no digit found", JSON.readTree(r.body()).get("error").asText());
  }

  private static byte[] pngOf(java.awt.image.BufferedImage image) throws IOException {
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A sample's value in the text format, 0 when it is not there yet. */
  private static double sample(String metrics, String series) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  @Test
  void metricsMoveAsRequestsAreMade() throws Exception {
    String before = send("GET", "/metrics", null).body();
    String reads = "digits_http_requests_total{endpoint=\"/v1/read\",status=\"200\"}";
    HttpRequest read = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/read"))
        .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(
            Base64.getDecoder().decode(base64Png("42")))).build();
    assertEquals(200, CLIENT.send(read, HttpResponse.BodyHandlers.ofString()).statusCode());
    send("GET", "/no/such/path", null);
    HttpResponse<String> after = send("GET", "/metrics", null);
    assertEquals(200, after.statusCode());
    assertTrue(after.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String m = after.body();
    assertEquals(sample(before, reads) + 1, sample(m, reads), 1e-9, m);
    assertTrue(sample(m, "digits_http_requests_total{endpoint=\"other\",status=\"404\"}") >= 1, m);
    assertTrue(sample(m, "digits_model_call_images_count") >= 1, m);
    assertTrue(sample(m, "digits_readings_total{uncertain=\"true\"}")
        + sample(m, "digits_readings_total{uncertain=\"false\"}") >= 1, m);
    assertTrue(m.contains("digits_model_info{name=\"short-mnist\",sha256=\"abc123\"} 1"), m);
    assertEquals(0.5, sample(m, "digits_model_load_seconds"), 1e-9);
    assertTrue(m.contains("digits_http_request_duration_seconds_bucket{endpoint=\"/v1/read\",le=\"+Inf\"}"), m);
    assertTrue(m.contains("digits_queued_requests ") && m.contains("digits_bytes_in_flight "), m);
    promtool(m);
  }

  /** Prometheus's own checker, where it is installed (.ci/run installs it); else the reason, printed. */
  private static void promtool(String metrics) throws Exception {
    Path tool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(tool)) {
      System.out.println("SKIPPED promtool check metrics: /usr/bin/promtool is missing (Debian package "
          + "prometheus; .ci/run installs it)");
      return;
    }
    Process p = new ProcessBuilder(tool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "promtool check metrics: " + said);
  }

  @Test
  void everyDocumentedPathAnswersAndEveryServedPathIsDocumented() throws Exception {
    HttpResponse<String> r = send("GET", "/openapi.json", null);
    JsonNode doc = ok(r);
    assertEquals("3.1.0", doc.get("openapi").asText());
    TreeSet<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      documented.add(path.getKey());
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase(java.util.Locale.ROOT);
        HttpResponse<String> answer = send(method, path.getKey(), method.equals("POST") ? "{}" : null);
        assertNotEquals(404, answer.statusCode(), method + " " + path.getKey());
        assertNotEquals(405, answer.statusCode(), method + " " + path.getKey());
        assertTrue(answer.statusCode() < 500, method + " " + path.getKey() + " -> " + answer.statusCode());
      }
    }
    assertEquals(new TreeSet<>(PredictionServer.ROUTES.keySet()), documented);
    assertEquals(r.body(), Files.readString(Path.of("docs/openapi.json")), "docs/openapi.json is the served one");
  }

  @Test
  void eachRequestIsOneJsonLineInTheAccessLog() throws Exception {
    send("GET", "/healthz", null);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : LOG.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    JsonNode health = lines.stream().filter(l -> l.get("path").asText().equals("/healthz")).reduce((a, b) -> b)
        .orElseThrow();
    assertEquals("GET", health.get("method").asText());
    assertEquals(200, health.get("status").asInt());
    assertTrue(health.get("id").asText().startsWith("r"));
    assertTrue(health.get("ms").asDouble() >= 0);
    assertFalse(health.get("time").asText().isEmpty());
  }
}
