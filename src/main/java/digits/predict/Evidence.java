package digits.predict;

import java.util.List;

/**
 * What a reading's confidence is made of: the signs, each on a log scale, that tell a right reading from a wrong one
 * ({@link Calibration} weighs them). Measured on the development set's tuning part, the weakest digit's margin and
 * the line model's agreement rank right and wrong readings of a zip code far better than the product of the digits'
 * probabilities alone (docs/reading.md, "The calibration").
 *
 * @param raw the uncalibrated confidence in [0, 1]: the product of the digits' confidences and of the shares below
 *     (what a model without a calibration reports)
 * @param weakestMargin the smallest, over the digits read, of ln(probability of the digit read / probability of the
 *     best other digit): below 0 when a digit was read as its model's second choice
 * @param weakestDigit the smallest ln(confidence) of a digit read (its probability times the probability that its
 *     ink is one digit)
 * @param optionShare ln of the reading's share among the line model's options ({@link LineRescoring}); 0 without a
 *     line model
 * @param groupingShare ln of the share of the reading's grouping of the ink among groupings of its length; 0 for an
 *     image read as one digit
 * @param lineModelDoubt how much likelier the line model finds its own reading than this one (ln); 0 when they agree
 *     or without a line model
 */
public record Evidence(double raw, double weakestMargin, double weakestDigit, double optionShare,
    double groupingShare, double lineModelDoubt) implements java.io.Serializable {
  /** The names of {@link #features()}, as {@code reading.properties} and the answer sheets write them. */
  public static final List<String> NAMES =
      List.of("weakest_margin", "weakest_digit", "option_share", "grouping_share", "line_model_doubt");
  /** Each feature is kept within +-this: a probability of 0 (a line model sure of something else) stays finite. */
  private static final double LIMIT = 30;
  /** The evidence of no reading at all. */
  public static final Evidence NONE = new Evidence(0, -LIMIT, -LIMIT, -LIMIT, -LIMIT, LIMIT);

  /**
   * The evidence of reading {@code digits} with the given shares and line-model doubt (logs; 0 for none).
   */
  static Evidence of(List<Prediction> digits, double optionShare, double groupingShare, double lineModelDoubt) {
    double raw = Math.exp(optionShare + groupingShare);
    double margin = Double.POSITIVE_INFINITY;
    double weakest = Double.POSITIVE_INFINITY;
    for (Prediction d : digits) {
      raw *= d.confidence();
      float[] p = d.probabilities();
      double other = 0;
      for (int k = 0; k < p.length; k++) {
        other = k == d.digit() ? other : Math.max(other, p[k]);
      }
      margin = Math.min(margin, Math.log(p[d.digit()]) - Math.log(other));
      weakest = Math.min(weakest, Math.log(d.confidence()));
    }
    return new Evidence(raw, margin, weakest, optionShare, groupingShare, lineModelDoubt);
  }

  /** The evidence a digit read alone gives: its margin and confidence. */
  static Evidence of(Prediction digit) {
    return of(List.of(digit), 0, 0, 0);
  }

  /** The features {@link Calibration} weighs, in the order of {@link #NAMES}, each within +-30. */
  public double[] features() {
    double[] f = {weakestMargin, weakestDigit, optionShare, groupingShare, lineModelDoubt};
    for (int i = 0; i < f.length; i++) {
      f[i] = Double.isNaN(f[i]) ? -LIMIT : Math.max(-LIMIT, Math.min(LIMIT, f[i]));
    }
    return f;
  }
}
