package digits.inference;

import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A line model loaded from a SavedModel: whole lines of digits in, per column of the line the log-probabilities of
 * the ten digits and of CTC's blank out ({@link ServingSignature#LOG_PROBS}). Loads once; safe to call from several
 * threads. Close it to free the native model.
 */
public final class SavedModelLineReader implements AutoCloseable {
  /** Lines per native call. */
  private static final int BATCH = 256;

  private final Path dir;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final int height;
  private final int width;
  private final int frames;
  private final int classes;

  private SavedModelLineReader(Path dir, SavedModelBundle bundle, int height, int width, int frames, int classes) {
    this.dir = dir;
    this.bundle = bundle;
    this.function = bundle.function(ServingSignature.KEY);
    this.height = height;
    this.width = width;
    this.frames = frames;
    this.classes = classes;
  }

  /** Loads {@code dir}: input image {@code [-1, h, w, 1]}, output log_probs {@code [-1, frames, classes]}. */
  public static SavedModelLineReader load(Path dir) throws InvalidModelException {
    return load(dir, Precision.FLOAT32);
  }

  /** As {@link #load(Path)}, computing in {@code precision}. */
  public static SavedModelLineReader load(Path dir, Precision precision) throws InvalidModelException {
    SavedModelBundle bundle = SavedModelClassifier.open(dir, precision);
    try {
      var signature = SavedModelClassifier.signature(dir, bundle);
      var input = signature.getInputs().get(ServingSignature.IMAGE);
      var output = signature.getOutputs().get(ServingSignature.LOG_PROBS);
      if (input == null || output == null || input.shape.numDimensions() != 4 || input.shape.get(3) != 1
          || input.shape.get(1) < 1 || input.shape.get(2) < 1 || output.shape.numDimensions() != 3
          || output.shape.get(1) < 1 || output.shape.get(2) < 2) {
        throw new InvalidModelException(dir, "is not a line model: expected input '" + ServingSignature.IMAGE
            + "' [-1, height, width, 1] and output '" + ServingSignature.LOG_PROBS + "' [-1, frames, classes]"
            + " in signature '" + ServingSignature.KEY + "', received inputs " + signature.inputNames()
            + " and outputs " + signature.outputNames());
      }
      return new SavedModelLineReader(dir, bundle, (int) input.shape.get(1), (int) input.shape.get(2),
          (int) output.shape.get(1), (int) output.shape.get(2));
    } catch (InvalidModelException | RuntimeException e) {
      bundle.close();
      throw e;
    }
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

  public int frames() {
    return frames;
  }

  /** Classes per frame: the digits, then the blank. */
  /** Floating-point operations of one line's pass through the model (its convolutions and matrix products). */
  public long flopsPerInput() {
    return ForwardFlops.of(bundle.graph());
  }

  public int classes() {
    return classes;
  }

  /** Log-probabilities {@code [n, frames, classes]}, flat, for {@code n} lines {@code [n, height, width, 1]}. */
  public float[] logProbabilities(float[] lines, int n) {
    int pixels = height * width;
    int per = frames * classes;
    if (lines.length < (long) n * pixels) {
      throw new IllegalArgumentException("Expected " + n + " lines of " + height + "x" + width + ", received "
          + lines.length + " values");
    }
    float[] out = new float[n * per];
    for (int from = 0; from < n; from += BATCH) {
      int m = Math.min(BATCH, n - from);
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(m, height, width, 1),
              DataBuffers.of(lines, true, false).slice((long) from * pixels, (long) m * pixels));
          Result result = function.call(Map.of(ServingSignature.IMAGE, x))) {
        TFloat32 y = (TFloat32) result.get(ServingSignature.LOG_PROBS).orElseThrow();
        y.copyTo(DataBuffers.of(out, false, false).slice((long) from * per, (long) m * per));
      }
    }
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
