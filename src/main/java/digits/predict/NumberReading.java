package digits.predict;

import java.util.List;

/** A line of digits read left to right: the text and each digit's prediction. */
public record NumberReading(String text, List<Prediction> digits) {
  /** The least confident digit's probability: how far to trust the whole string. */
  public float confidence() {
    float c = 1f;
    for (Prediction p : digits) {
      c = Math.min(c, p.confidence());
    }
    return c;
  }
}
