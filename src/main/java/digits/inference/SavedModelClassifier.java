package digits.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A classifier loaded from a SavedModel with the {@link ServingSignature}: only the exported model is needed,
 * never training code, so it also runs models exported elsewhere with the same signature. Loads once; safe to
 * call from several threads (a TensorFlow session runs concurrent calls). Close it to free the native model.
 */
public final class SavedModelClassifier implements AutoCloseable {
  /** Images per native call: bounds the size of one input tensor. */
  public static final int BATCH = 512;

  private final Path dir;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final int height;
  private final int width;
  private final int classes;
  private final boolean nonDigit;

  /**
   * What the model says about {@code n} images: class probabilities {@code [n, classes]} (flat, row-major) and,
   * per image, the probability that it is not one digit (all zero from a model without that output).
   */
  public record Scores(float[] probabilities, float[] notADigit) {}

  private SavedModelClassifier(Path dir, SavedModelBundle bundle, SessionFunction function, int height, int width,
      int classes, boolean nonDigit) {
    this.dir = dir;
    this.bundle = bundle;
    this.function = function;
    this.height = height;
    this.width = width;
    this.classes = classes;
    this.nonDigit = nonDigit;
  }

  /** Loads {@code dir} and checks its signature: input image {@code [-1, h, w, 1]}, output probabilities {@code [-1, c]}. */
  public static SavedModelClassifier load(Path dir) throws InvalidModelException {
    return load(dir, Precision.FLOAT32);
  }

  /** As {@link #load(Path)}, computing in {@code precision} (the graph stays float32; see {@link Precision}). */
  public static SavedModelClassifier load(Path dir, Precision precision) throws InvalidModelException {
    SavedModelBundle bundle = open(dir, precision);
    try {
      Signature signature = signature(dir, bundle);
      var input = signature.getInputs().get(ServingSignature.IMAGE);
      var output = signature.getOutputs().get(ServingSignature.PROBABILITIES);
      if (input == null || output == null) {
        throw new InvalidModelException(dir, "signature '" + ServingSignature.KEY + "' must have input '"
            + ServingSignature.IMAGE + "' and output '" + ServingSignature.PROBABILITIES + "'; it has inputs "
            + signature.inputNames() + " and outputs " + signature.outputNames());
      }
      Shape in = input.shape;
      Shape out = output.shape;
      if (input.dataType != org.tensorflow.proto.DataType.DT_FLOAT || in.numDimensions() != 4 || in.get(1) < 1
          || in.get(2) < 1 || in.get(3) != 1 || out.numDimensions() != 2 || out.get(1) < 2) {
        throw new InvalidModelException(dir, "expected input '" + ServingSignature.IMAGE
            + "' float32 [-1, height, width, 1] and output '" + ServingSignature.PROBABILITIES
            + "' [-1, classes], received " + input.dataType + " " + in + " and " + out);
      }
      return new SavedModelClassifier(dir, bundle, bundle.function(ServingSignature.KEY), (int) in.get(1),
          (int) in.get(2), (int) out.get(1), signature.getOutputs().containsKey(ServingSignature.NOT_A_DIGIT));
    } catch (InvalidModelException | RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /**
   * Loads the SavedModel in {@code dir} with the serving tag, its session computing in {@code precision}; one clear
   * error when that cannot be done.
   */
  public static SavedModelBundle open(Path dir, Precision precision) throws InvalidModelException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException(dir, Files.exists(dir) ? "is not a folder" : "does not exist");
    }
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new InvalidModelException(dir, "is not a SavedModel (no saved_model.pb in it)");
    }
    try {
      return SavedModelBundle.loader(dir.toString()).withTags(ServingSignature.TAG)
          .withConfigProto(precision.sessionConfig()).load();
    } catch (RuntimeException e) {
      String reason = digits.io.NativeErrors.describe(e, "reading", dir);
      throw new InvalidModelException(dir, reason.startsWith(dir + " is damaged")
          ? "damaged" + reason.substring((dir + " is damaged").length()) + ": export or train it again"
          : "cannot be loaded as a SavedModel with tag '" + ServingSignature.TAG + "' (" + reason + ")");
    }
  }

  /** The {@value ServingSignature#KEY} signature of {@code bundle}. */
  static Signature signature(Path dir, SavedModelBundle bundle) throws InvalidModelException {
    return bundle.signatures().stream().filter(s -> s.key().equals(ServingSignature.KEY)).findFirst()
        .orElseThrow(() -> new InvalidModelException(dir, "has no '" + ServingSignature.KEY + "' signature (has: "
            + bundle.signatures().stream().map(Signature::key).toList() + ")"));
  }

  public Path dir() {
    return dir;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Floating-point operations of one image's pass through the model (its convolutions and matrix products). */
  public long flopsPerInput() {
    return ForwardFlops.of(bundle.graph());
  }

  public int classes() {
    return classes;
  }

  /**
   * Class probabilities {@code [n, classes]} for {@code n} images {@code [n, height, width, 1]} in [0, 1]
   * (1 = ink), flat and row-major.
   */
  public float[] probabilities(float[] images, int n) {
    return scores(images, n).probabilities();
  }

  /** Whether the model says when an image is not one digit ({@link ServingSignature#NOT_A_DIGIT}). */
  public boolean hasNonDigitClass() {
    return nonDigit;
  }

  /** {@link Scores} for {@code n} images {@code [n, height, width, 1]} in [0, 1] (1 = ink). */
  public Scores scores(float[] images, int n) {
    int pixels = height * width;
    if (images.length < (long) n * pixels) {
      throw new IllegalArgumentException("Expected " + n + " images of " + height + "x" + width + ", received "
          + images.length + " values");
    }
    float[] p = new float[n * classes];
    float[] other = new float[n];
    for (int from = 0; from < n; from += BATCH) {
      int m = Math.min(BATCH, n - from);
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(m, height, width, 1),
              DataBuffers.of(images, true, false).slice((long) from * pixels, (long) m * pixels));
          Result result = function.call(Map.of(ServingSignature.IMAGE, x))) {
        TFloat32 y = (TFloat32) result.get(ServingSignature.PROBABILITIES).orElseThrow();
        y.copyTo(DataBuffers.of(p, false, false).slice((long) from * classes, (long) m * classes));
        if (nonDigit) {
          TFloat32 z = (TFloat32) result.get(ServingSignature.NOT_A_DIGIT).orElseThrow();
          z.copyTo(DataBuffers.of(other, false, false).slice(from, m));
        }
      }
    }
    return new Scores(p, other);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
