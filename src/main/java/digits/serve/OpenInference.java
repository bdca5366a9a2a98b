package digits.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import digits.predict.DigitRecognizer;
import digits.predict.NumberReading;
import digits.predict.Prediction;
import digits.predict.ReadRequest;
import digits.predict.ink.MnistPreprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Open Inference Protocol (KServe v2, as Triton and KServe speak it) for the model {@value #MODEL}: server and
 * model metadata, and {@code infer} with either the model's own tensor ({@value #TENSOR}: FP32, [-1, 28, 28, 1], 1 =
 * ink; outputs {@code probabilities} and {@code class}) or encoded images ({@value #IMAGES}: BYTES, [-1], each a
 * base64 PNG/JPEG/...; outputs the reading: {@code text}, {@code confidence}, {@code uncertain}, read as a line
 * with the request's {@code parameters.expect_length} and {@code parameters.min_confidence}).
 */
final class OpenInference {
  static final String MODEL = "digits";
  static final String TENSOR = "image";
  static final String IMAGES = "image_bytes";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PIXELS = MnistPreprocessor.SIZE * MnistPreprocessor.SIZE;
  /** Tensors or images per request, at most (the body limit bounds them too). */
  private static final int MAX_BATCH = 1024;

  private final DigitRecognizer recognizer;
  private final Answers answers;
  private final String version;

  OpenInference(DigitRecognizer recognizer, Answers answers, String version) {
    this.recognizer = recognizer;
    this.answers = answers;
    this.version = version;
  }

  /** {@code GET /v2}. */
  ObjectNode server() {
    ObjectNode out = JSON.createObjectNode().put("name", "digits").put("version", version);
    out.putArray("extensions");
    return out;
  }

  /** {@code GET /v2/models/digits}. */
  ObjectNode model() {
    ObjectNode out = JSON.createObjectNode().put("name", MODEL).put("platform", "tensorflow_savedmodel");
    out.putArray("versions").add("1");
    ArrayNode inputs = out.putArray("inputs");
    tensor(inputs, TENSOR, "FP32", -1, MnistPreprocessor.SIZE, MnistPreprocessor.SIZE, 1);
    tensor(inputs, IMAGES, "BYTES", -1);
    ArrayNode outputs = out.putArray("outputs");
    tensor(outputs, "probabilities", "FP32", -1, 10);
    tensor(outputs, "class", "INT64", -1);
    tensor(outputs, "text", "BYTES", -1);
    tensor(outputs, "confidence", "FP32", -1);
    tensor(outputs, "uncertain", "BOOL", -1);
    return out;
  }

  private static void tensor(ArrayNode into, String name, String datatype, long... shape) {
    ObjectNode t = into.addObject().put("name", name).put("datatype", datatype);
    ArrayNode s = t.putArray("shape");
    for (long d : shape) {
      s.add(d);
    }
  }

  /** {@code POST /v2/models/digits/infer}: one input, {@value #TENSOR} or {@value #IMAGES}. */
  CompletableFuture<ObjectNode> infer(Requests.Body body) throws ClientError {
    JsonNode request = body.json();
    if (request == null || !request.isObject() || !request.path("inputs").isArray()
        || request.path("inputs").size() != 1) {
      throw new ClientError(400, "expected a JSON object with \"inputs\": one tensor, \"" + TENSOR + "\" (FP32, "
          + "[-1,28,28,1]) or \"" + IMAGES + "\" (BYTES, base64 images)");
    }
    JsonNode input = request.get("inputs").get(0);
    String name = input.path("name").asText("");
    String datatype = input.path("datatype").asText("");
    JsonNode parameters = request.path("parameters");
    CompletableFuture<ArrayNode> outputs;
    if (name.equals(TENSOR) && datatype.equals("FP32")) {
      outputs = CompletableFuture.completedFuture(classify(input));
    } else if (name.equals(IMAGES) && datatype.equals("BYTES")) {
      int expect = parameters.path("expect_length").asInt(0);
      double minConfidence = parameters.path("min_confidence").asDouble(digits.predict.Calibration.CERTAIN);
      if (expect < 0 || !(minConfidence >= 0 && minConfidence <= 1)) {
        throw new ClientError(400, "parameters: expect_length must be >= 0 and min_confidence in [0, 1]");
      }
      outputs = read(input, ReadRequest.lineOf(expect), minConfidence);
    } else {
      throw new ClientError(400, "unknown input \"" + name + "\" of type " + datatype + ": expected \"" + TENSOR
          + "\" (FP32) or \"" + IMAGES + "\" (BYTES)");
    }
    return outputs.thenApply(o -> {
      ObjectNode out = JSON.createObjectNode().put("model_name", MODEL).put("model_version", "1");
      if (request.hasNonNull("id")) {
        out.put("id", request.get("id").asText());
      }
      out.set("outputs", o);
      return out;
    });
  }

  private ArrayNode classify(JsonNode input) throws ClientError {
    List<Double> values = new ArrayList<>();
    flatten(input.get("data"), values);
    long[] shape = shape(input);
    long n = values.size() / PIXELS;
    if (values.isEmpty() || values.size() % PIXELS != 0 || n > MAX_BATCH || product(shape) != values.size()) {
      throw new ClientError(400, "\"" + TENSOR + "\" must hold n x 28 x 28 x 1 numbers (n from 1 to " + MAX_BATCH
          + ") matching its shape; received " + values.size() + " numbers, shape " + java.util.Arrays.toString(shape));
    }
    List<float[]> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[PIXELS];
      for (int p = 0; p < PIXELS; p++) {
        double v = values.get(i * PIXELS + p);
        if (!(v >= 0 && v <= 1)) {
          throw new ClientError(400, "\"" + TENSOR + "\" value " + (i * PIXELS + p) + " is " + v
              + "; expected 0..1 (1 = ink)");
        }
        x[p] = (float) v;
      }
      images.add(x);
    }
    List<Prediction> predictions = recognizer.classify(images);
    ArrayNode outputs = JSON.createArrayNode();
    ObjectNode probabilities = output(outputs, "probabilities", "FP32", n, 10);
    ObjectNode classes = output(outputs, "class", "INT64", n);
    for (Prediction p : predictions) {
      for (int k = 0; k < 10; k++) {
        probabilities.withArray("data").add(p.probabilities()[k]);
      }
      classes.withArray("data").add(p.digit());
    }
    return outputs;
  }

  private CompletableFuture<ArrayNode> read(JsonNode input, ReadRequest how, double minConfidence)
      throws ClientError {
    JsonNode data = input.get("data");
    if (data == null || !data.isArray() || data.isEmpty() || data.size() > MAX_BATCH
        || product(shape(input)) != data.size()) {
      throw new ClientError(400, "\"" + IMAGES + "\" must hold 1 to " + MAX_BATCH + " base64 images matching its "
          + "shape");
    }
    List<CompletableFuture<NumberReading>> readings = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      int index = i;
      readings.add(answers.reading(Requests.base64Image(data.get(i), IMAGES + "[" + i + "]"), how)
          .exceptionally(failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof ClientError e) {
              throw new java.util.concurrent.CompletionException(new ClientError(400, IMAGES + "[" + index + "]: "
                  + e.getMessage()));
            }
            throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
          }));
    }
    return CompletableFuture.allOf(readings.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
      ArrayNode outputs = JSON.createArrayNode();
      ObjectNode text = output(outputs, "text", "BYTES", readings.size());
      ObjectNode confidence = output(outputs, "confidence", "FP32", readings.size());
      ObjectNode uncertain = output(outputs, "uncertain", "BOOL", readings.size());
      for (CompletableFuture<NumberReading> f : readings) {
        NumberReading r = f.join();
        text.withArray("data").add(r.text());
        confidence.withArray("data").add(r.confidence());
        uncertain.withArray("data").add(answers.counted(r, minConfidence));
      }
      return outputs;
    });
  }

  private static ObjectNode output(ArrayNode outputs, String name, String datatype, long... shape) {
    tensor(outputs, name, datatype, shape);
    ObjectNode o = (ObjectNode) outputs.get(outputs.size() - 1);
    o.putArray("data");
    return o;
  }

  private static long[] shape(JsonNode input) throws ClientError {
    JsonNode s = input.get("shape");
    if (s == null || !s.isArray() || s.isEmpty()) {
      throw new ClientError(400, "every input needs a \"shape\"");
    }
    long[] out = new long[s.size()];
    for (int i = 0; i < out.length; i++) {
      if (!s.get(i).canConvertToLong() || s.get(i).asLong() < 1) {
        throw new ClientError(400, "\"shape\" must hold positive whole numbers");
      }
      out[i] = s.get(i).asLong();
    }
    return out;
  }

  private static long product(long[] shape) throws ClientError {
    long p = 1;
    for (long d : shape) {
      p *= d;
      if (p > (long) MAX_BATCH * PIXELS) {
        throw new ClientError(400, "\"shape\" " + java.util.Arrays.toString(shape) + " is larger than "
            + MAX_BATCH + " images");
      }
    }
    return p;
  }

  /** The numbers of {@code data}, nested arrays flattened in row-major order. */
  private static void flatten(JsonNode data, List<Double> into) throws ClientError {
    if (data == null || !data.isArray()) {
      throw new ClientError(400, "\"data\" must be an array of numbers");
    }
    for (JsonNode v : data) {
      if (v.isArray()) {
        flatten(v, into);
      } else if (v.isNumber()) {
        into.add(v.asDouble());
        if (into.size() > (long) MAX_BATCH * PIXELS) {
          throw new ClientError(400, "\"data\" holds more than " + MAX_BATCH + " images");
        }
      } else {
        throw new ClientError(400, "\"data\" must be an array of numbers");
      }
    }
  }
}
