package digits.serve;

import digits.predict.ReadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import digits.predict.DigitRecognizer;
import digits.predict.Handwriting;
import digits.predict.ShortMnistModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint and every kind of malformed request, over loopback. */
class PredictionServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DigitRecognizer recognizer;
  private static PredictionServer server;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    recognizer = DigitRecognizer.load(ShortMnistModel.savedModel());
    server = PredictionServer.start(recognizer, Map.of("model", "short-mnist"),
        new PredictionServer.Options("127.0.0.1", 0, 2, 1 << 20, java.time.Duration.ofSeconds(5),
            PredictionServer.DEFAULT_GATHER));
  }

  @AfterAll
  static void stop() {
    server.close();
    recognizer.close();
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static byte[] png(String digits) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(Handwriting.draw(digits, Handwriting.Style.PLAIN, 0.25), "png", out);
    return out.toByteArray();
  }

  private static JsonNode ok(HttpResponse<String> r) throws IOException {
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  @Test
  void predictsFromAnImageBodyBase64JsonAndAPixelArray() throws Exception {
    JsonNode a = ok(post("/v1/predict", "image/png", png("7")));
    assertEquals(7, a.get("digit").asInt());
    assertEquals(10, a.get("probabilities").size());
    assertTrue(a.get("confidence").asDouble() > 0.5);

    String b64 = "data:image/png;base64," + Base64.getEncoder().encodeToString(png("4"));
    assertEquals(4, ok(post("/v1/predict", "application/json",
        JSON.writeValueAsBytes(Map.of("image", b64)))).get("digit").asInt());

    float[] x = DigitRecognizer.input(Handwriting.draw("3", Handwriting.Style.PLAIN, 0));
    int[][] rows = new int[28][28];
    for (int i = 0; i < x.length; i++) {
      rows[i / 28][i % 28] = Math.round(x[i] * 255);
    }
    JsonNode c = ok(post("/v1/predict", "application/json", JSON.writeValueAsBytes(Map.of("pixels", rows))));
    assertEquals(3, c.get("digit").asInt());
    assertEquals("pixels", c.get("input").asText());
  }

  @Test
  void readsADigitString() throws Exception {
    JsonNode r = ok(post("/v1/read?expect_length=5", "image/png", png("90210")));
    assertEquals("90210", r.get("text").asText());
    assertEquals(5, r.get("digits").size());
    assertEquals(r.get("confidence").asDouble() < digits.predict.Calibration.CERTAIN, r.get("uncertain").asBoolean(),
        "uncertain below 0.995 by default, as on the command line");
    JsonNode lenient = ok(post("/v1/read?min_confidence=0", "image/png", png("90210")));
    assertEquals(false, lenient.get("uncertain").asBoolean());
    JsonNode strict = ok(post("/v1/read?min_confidence=1", "image/png", png("90210")));
    assertEquals(true, strict.get("uncertain").asBoolean());
    assertEquals("90210", strict.get("text").asText());
  }

  @Test
  void modelHealthAndPage() throws Exception {
    assertEquals("ok", ok(get("/healthz")).get("status").asText());
    JsonNode m = ok(get("/v1/model"));
    assertEquals("short-mnist", m.get("model").asText());
    assertEquals("serving_default", m.get("signature").get("key").asText());
    assertEquals("[\"probabilities\",\"logits\",\"class\"]", m.get("signature").get("outputs").toString(),
        "a ten-class model has no not_a_digit output");
    assertFalse(m.get("calibration").get("fitted").asBoolean(), "nothing recorded: the model's own");
    assertEquals(digits.predict.Calibration.CERTAIN, m.get("certain_from").asDouble());
    JsonNode ready = ok(get("/readyz"));
    assertEquals("ready", ready.get("status").asText());
    for (int i = 0; i < 100 && ready.get("bytes_in_flight").asLong() != 0; i++) {
      Thread.sleep(20); // an answer's bytes are given back once the server has written it
      ready = ok(get("/readyz"));
    }
    assertEquals(0, ready.get("bytes_in_flight").asLong(), "every answered request gave its bytes back");
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<canvas id=\"canvas\""), page.body());
    assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "no external assets");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "garbage bytes|/v1/predict|image/png|GARBAGE|400|is not an image",
      "empty body|/v1/predict|image/png||400|empty body",
      "wrong type|/v1/predict|text/plain|hello|415|Content-Type must be",
      "no type|/v1/predict||hello|415|received none",
      "malformed JSON|/v1/predict|application/json|{\"pixels\": [1,2,|400|malformed JSON",
      "JSON not an object|/v1/predict|application/json|[1,2,3]|400|expected a JSON object",
      "JSON without fields|/v1/predict|application/json|{\"x\": 1}|400|\"image\" (base64",
      "wrong shape|/v1/predict|application/json|{\"pixels\": [[0,1],[1,0]]}|400|must be 28x28",
      "non-numeric pixels|/v1/predict|application/json|NONNUMERIC|400|is not a number",
      "negative pixels|/v1/predict|application/json|NEGATIVE|400|expected 0..1",
      "bad base64|/v1/predict|application/json|{\"image\": \"@@@\"}|400|not valid base64",
      "image not a string|/v1/predict|application/json|{\"image\": 5}|400|must be a base64 string",
      "blank image|/v1/predict|image/png|BLANK|422|no digit found",
      "bad expect_length|/v1/read?expect_length=x|image/png|SEVEN|400|expect_length",
      "bad min_confidence|/v1/read?min_confidence=2|image/png|SEVEN|400|min_confidence",
      "unknown path|/v2/nothing|image/png|x|404|no such endpoint"})
  void malformedRequestsGetA4xxWithAMessageAndTheServerGoesOn(String name, String path, String type, String body,
      int status, String message) throws Exception {
    byte[] bytes = switch (body == null ? "" : body) {
      case "NONNUMERIC" -> ("{\"pixels\": [" + "0,".repeat(783) + "\"a\"]}").getBytes();
      case "NEGATIVE" -> ("{\"pixels\": [" + "0,".repeat(783) + "-1]}").getBytes();
      case "BLANK" -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
        yield out.toByteArray();
      }
      case "SEVEN" -> png("7");
      default -> (body == null ? "" : body).getBytes();
    };
    HttpResponse<String> r = post(path, type, bytes);
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(JSON.readTree(r.body()).get("error").asText().contains(message), r.body());
    assertEquals(200, get("/healthz").statusCode());
  }

  @Test
  void hugeBodiesAndWrongMethodsAreRefused() throws Exception {
    HttpResponse<String> big = post("/v1/predict", "image/png", new byte[3 << 20]);
    assertEquals(413, big.statusCode(), big.body());
    HttpResponse<String> get = get("/v1/predict");
    assertEquals(405, get.statusCode());
    assertTrue(get.body().contains("use POST"), get.body());
    assertEquals(405, post("/healthz", "image/png", new byte[] {1}).statusCode());
    assertEquals(200, get("/healthz").statusCode());
  }

  @Test
  void clientsThatTrickleTheirBodiesHoldNoWorkerAndGetA408() throws Exception {
    // One model worker and eight clients stuck in their bodies: a server that read bodies on its workers would leave
    // the ordinary requests below waiting for the slow ones.
    try (PredictionServer quick = PredictionServer.start(recognizer, Map.of("model", "short-mnist"),
        new PredictionServer.Options("127.0.0.1", 0, 1, 1 << 20, java.time.Duration.ofSeconds(2),
        PredictionServer.DEFAULT_GATHER))) {
      String base = "http://127.0.0.1:" + quick.port();
      java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket s = new java.net.Socket("127.0.0.1", quick.port());
          s.setSoTimeout(20_000);
          s.getOutputStream().write(("POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
              + "Content-Length: 1000\r\n\r\nx").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          slow.add(s);
        }
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        HttpResponse<String> seven = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/predict"))
            .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png("7"))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(7, ok(seven).get("digit").asInt());
        for (java.net.Socket s : slow) {
          String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
              java.nio.charset.StandardCharsets.US_ASCII)).readLine();
          assertTrue(status != null && status.contains(" 408 "), "a body not whole in time gets 408: " + status);
        }
      } finally {
        for (java.net.Socket s : slow) {
          s.close();
        }
      }
    }
  }

  @Test
  void gatheredRequestsGetTheAnswersEachWouldGetAlone() throws Exception {
    // A long window, so that concurrent requests surely share model calls.
    try (PredictionServer gathering = PredictionServer.start(recognizer, Map.of("model", "short-mnist"),
        new PredictionServer.Options("127.0.0.1", 0, 4, 1 << 20, java.time.Duration.ofSeconds(5),
            java.time.Duration.ofMillis(200)))) {
      String[] texts = {"7", "31", "250", "4", "86", "1", "909", "62"};
      java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
      for (String t : texts) {
        answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gathering.port()
            + "/v1/read")).header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png(t)))
            .build(), HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < texts.length; i++) {
        JsonNode gathered = ok(answers.get(i).get());
        var alone = recognizer.read(ImageIO.read(new java.io.ByteArrayInputStream(png(texts[i]))), ReadRequest.LINE);
        assertEquals(alone.text(), gathered.get("text").asText(), "image " + texts[i]);
        assertEquals(alone.confidence(), gathered.get("confidence").floatValue(), 1e-4);
      }
    }
  }

  @Test
  void closingLetsRequestsInFlightFinish() throws Exception {
    // A long gathering window holds the requests inside the server while it is asked to stop.
    PredictionServer stopping = PredictionServer.start(recognizer, Map.of("model", "short-mnist"),
        new PredictionServer.Options("127.0.0.1", 0, 2, 1 << 20, java.time.Duration.ofSeconds(5),
            java.time.Duration.ofMillis(800)));
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    for (String t : new String[] {"3", "58", "1"}) {
      answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stopping.port()
          + "/v1/read")).header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png(t)))
          .build(), HttpResponse.BodyHandlers.ofString()));
    }
    Thread.sleep(300); // the requests are inside the gathering window
    stopping.close();
    for (var answer : answers) {
      assertEquals(200, answer.get().statusCode(), "a request in flight is answered before the server stops");
    }
  }
}
