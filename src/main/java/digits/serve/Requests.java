package digits.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import digits.predict.Calibration;
import digits.predict.image.ImageFiles;
import digits.predict.ink.MnistPreprocessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;

/**
 * What a request carries, decoded and checked: its body (image bytes or JSON, within a size limit and with a
 * supported content type), base64 images, MNIST-style pixel arrays and query parameters. Anything a client can get
 * wrong becomes a {@link ClientError} with a 4xx status and a message.
 */
final class Requests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIZE = MnistPreprocessor.SIZE;

  private Requests() {}

  static int expectLength(String query) throws ClientError {
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

  /**
   * {@code min_confidence=P}: readings below P are marked uncertain (default {@link Calibration#CERTAIN}, as on the
   * command line: a calibrated model's readings at or above it are right 99.5% of the time).
   */
  static double minConfidence(String query) throws ClientError {
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
    return Calibration.CERTAIN;
  }

  static BufferedImage decode(byte[] bytes) throws ClientError {
    try {
      return ImageFiles.decode(bytes, "body");
    } catch (IOException e) {
      throw new ClientError(400, e.getMessage());
    }
  }

  static BufferedImage base64Image(JsonNode node) throws ClientError {
    return base64Image(node, "\"image\"");
  }

  /** The image in {@code node}, a base64 string or a data: URL; {@code what} names it in errors. */
  static BufferedImage base64Image(JsonNode node, String what) throws ClientError {
    if (node == null || !node.isTextual()) {
      throw new ClientError(400, what + " must be a base64 string (a data: URL is fine)");
    }
    String text = node.asText();
    int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
    try {
      return decode(Base64.getDecoder().decode(text.substring(comma + 1).replaceAll("\\s", "")));
    } catch (IllegalArgumentException e) {
      throw new ClientError(400, what + " is not valid base64: " + e.getMessage());
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
  record Body(byte[] bytes, JsonNode json) {}

  /**
   * Whether a body of this {@code Content-Type} is JSON (else image bytes).
   *
   * @throws ClientError 415 for any other type
   */
  static boolean isJson(String type) throws ClientError {
    String mime = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
    boolean json = mime.equals("application/json");
    if (!json && !mime.equals("image/png") && !mime.equals("image/jpeg") && !mime.equals("application/octet-stream")) {
      throw new ClientError(415, "Content-Type must be image/png, image/jpeg, application/octet-stream or "
          + "application/json; received " + (type == null ? "none" : type));
    }
    return json;
  }

  /** Refuses a declared {@code Content-Length} (-1: none declared) over the limit before any of it is read. */
  static void checkLength(long length, int maxBodyBytes) throws ClientError {
    if (length > maxBodyBytes) {
      throw new ClientError(413, "body of " + length + " bytes is over the limit of " + maxBodyBytes);
    }
  }

  /** A whole request body, checked: not empty, within the limit, an object when JSON. */
  static Body body(byte[] bytes, boolean json, int maxBodyBytes) throws ClientError {
    if (bytes.length > maxBodyBytes) {
      throw new ClientError(413, "body is over the limit of " + maxBodyBytes + " bytes");
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
    } catch (IOException e) {
      throw new ClientError(400, "malformed JSON: " + (e instanceof JsonProcessingException j
          ? j.getOriginalMessage() : e.getMessage()));
    }
  }
}
