package digits.spark;

import digits.inference.InvalidModelException;
import digits.inference.Precision;
import digits.predict.Calibration;
import digits.predict.DigitRecognizer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The model of a read-batch job, loaded once per executor JVM and shared by every task that runs there (a
 * {@link DigitRecognizer} is safe to share between threads). Closed when the JVM exits.
 */
final class ExecutorModel {
  private static final Map<String, DigitRecognizer> LOADED = new HashMap<>();

  private ExecutorModel() {}

  /**
   * The recognizer for the SavedModel in {@code dir} with confidences calibrated by {@code calibration}, computing
   * in {@code precision}.
   */
  static synchronized DigitRecognizer get(Path dir, Calibration calibration, Precision precision)
      throws InvalidModelException {
    String key = dir.toAbsolutePath().normalize() + "|" + calibration + "|" + precision;
    DigitRecognizer r = LOADED.get(key);
    if (r == null) {
      r = DigitRecognizer.load(dir, calibration, precision);
      if (LOADED.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModel::closeAll, "digits-model-close"));
      }
      LOADED.put(key, r);
    }
    return r;
  }

  private static synchronized void closeAll() {
    LOADED.values().forEach(DigitRecognizer::close);
    LOADED.clear();
  }
}
