package digits.predict;

import java.util.List;

/**
 * A line of digits read left to right.
 *
 * @param text the digits read
 * @param digits each digit's prediction
 * @param confidence how far to trust the whole reading, in [0, 1]: its {@code evidence} weighed by the model's
 *     {@link Calibration} (at {@link Calibration#CERTAIN} or more: right at least that often on the development set)
 * @param inputs the 28x28 model input of each digit, as the model saw it
 * @param evidence what the confidence is made of
 */
public record NumberReading(String text, List<Prediction> digits, float confidence, List<float[]> inputs,
    Evidence evidence) {
  /** Whether the reading is below {@code minConfidence}: to be shown as uncertain, not as an answer. */
  public boolean uncertain(double minConfidence) {
    return confidence < minConfidence;
  }
}
