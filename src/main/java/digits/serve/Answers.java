package digits.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import digits.predict.Calibration;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import digits.inference.ServingSignature;
import digits.predict.DigitRecognizer;
import digits.predict.Gathering;
import digits.predict.ImageToRead;
import digits.predict.ReadRequest;
import digits.predict.ReadResult;
import digits.predict.NumberReading;
import digits.predict.Prediction;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the endpoints answer, as JSON: the model's description, one digit, a line of digits. Images are read with
 * other requests' images when a {@link Gathering} is given, else alone; an image without a digit is a 422.
 */
final class Answers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DigitRecognizer recognizer;
  private final Gathering gatherer;
  private final Map<String, Object> modelInfo;
  private final Metrics metrics;

  /**
   * @param gatherer null to read each request alone
   * @param maxPixelsInFlight decoded pixels being read at once, at most ({@link #MAX_PIXELS_IN_FLIGHT})
   */
  Answers(DigitRecognizer recognizer, Gathering gatherer, Map<String, Object> modelInfo, Metrics metrics,
      int maxPixelsInFlight) {
    this.pixels = new java.util.concurrent.Semaphore(maxPixelsInFlight);
    this.maxPixels = maxPixelsInFlight;
    this.recognizer = recognizer;
    this.gatherer = gatherer;
    this.metrics = metrics;
    this.modelInfo = Map.copyOf(modelInfo);
  }

  ObjectNode model() {
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
    Calibration c = recognizer.calibration();
    ObjectNode calibration = m.putObject("calibration");
    calibration.put("fitted", c.fitted());
    if (c.fitted()) {
      ObjectNode weights = calibration.putObject("weights");
      for (int i = 0; i < c.weights().length; i++) {
        weights.put(digits.predict.Evidence.NAMES.get(i), c.weights()[i]);
      }
      ObjectNode slopes = calibration.putObject("slopes");
      ObjectNode offsets = calibration.putObject("offsets");
      for (Calibration.Kind k : Calibration.Kind.values()) {
        slopes.put(k.label(), c.slope(k));
        offsets.put(k.label(), c.offset(k));
      }
    }
    m.put("certain_from", Calibration.CERTAIN);
    return m;
  }

  CompletableFuture<ObjectNode> predict(Requests.Body body) throws ClientError {
    if (body.json() != null && body.json().has("pixels")) {
      Prediction p = recognizer.classify(List.of(Requests.pixels(body.json().get("pixels")))).get(0);
      return CompletableFuture.completedFuture(prediction(p, "pixels"));
    }
    BufferedImage image;
    if (body.json() != null) {
      if (!body.json().has("image")) {
        throw new ClientError(400, "expected a JSON object with \"image\" (base64 PNG/JPEG) or \"pixels\" (28x28)");
      }
      image = Requests.base64Image(body.json().get("image"));
    } else {
      image = Requests.decode(body.bytes());
    }
    return reading(image, ReadRequest.ONE_DIGIT)
        .thenApply(reading -> prediction(reading.digits().get(0), "image"));
  }

  private static ObjectNode prediction(Prediction p, String input) {
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

  CompletableFuture<ObjectNode> read(Requests.Body body, int expected, double minConfidence)
      throws ClientError {
    BufferedImage image = body.json() != null ? Requests.base64Image(body.json().get("image"))
        : Requests.decode(body.bytes());
    return reading(image, ReadRequest.lineOf(expected)).thenApply(reading -> {
      ObjectNode out = JSON.createObjectNode();
      out.put("text", reading.text());
      out.put("confidence", reading.confidence());
      out.put("uncertain", counted(reading, minConfidence));
      ArrayNode digits = out.putArray("digits");
      for (Prediction p : reading.digits()) {
        digits.addObject().put("digit", p.digit()).put("confidence", p.confidence());
      }
      return out;
    });
  }

  /**
   * Decoded pixels being read at once, at most: an image's pixels are held (with the ink, pieces and inputs made
   * from them, several times their size) until its reading is done, so a few large images could otherwise take the
   * memory that request bodies, counted in bytes, are kept from taking. Beyond it, 503.
   */
  static final int MAX_PIXELS_IN_FLIGHT = 48_000_000;
  private final java.util.concurrent.Semaphore pixels;
  private final int maxPixels;

  /**
   * Reads one image, with other requests' images when gathering is on; an image without a digit fails the answer
   * with a 422, and one whose pixels do not fit in the budget with what is being read a 503.
   */
  CompletableFuture<NumberReading> reading(BufferedImage image, ReadRequest how) throws ClientError {
    int count = (int) Math.min(maxPixels, (long) image.getWidth() * image.getHeight());
    if (!pixels.tryAcquire(count)) {
      throw new ClientError(503, "busy: " + maxPixels / 1_000_000.0 + " megapixels of images are being read; try "
          + "again shortly");
    }
    CompletableFuture<ReadResult> result;
    try {
      ImageToRead request = ImageToRead.of(image, how);
      if (gatherer != null) {
        result = gatherer.read(request);
      } else {
        metrics.modelCall(1);
        result = CompletableFuture.completedFuture(recognizer.readAll(List.of(request)).get(0));
      }
    } catch (RuntimeException | Error e) {
      pixels.release(count);
      throw e;
    }
    return result.whenComplete((r, failure) -> pixels.release(count)).thenApply(r -> {
      if (r.failure() != null) {
        throw new CompletionException(r.failure()); // a bug: a 500, logged
      }
      if (!r.ok()) {
        throw new CompletionException(new ClientError(422, r.error()));
      }
      return r.reading();
    });
  }

  /** Whether {@code reading} is uncertain below {@code minConfidence}; counted in the metrics either way. */
  boolean counted(NumberReading reading, double minConfidence) {
    boolean uncertain = reading.uncertain(minConfidence);
    metrics.reading(uncertain);
    return uncertain;
  }
}
