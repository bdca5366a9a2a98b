package digits.predict.search;

/**
 * How strongly the reading search ({@link ReadingSearch}) believes in glyphs: penalties in nats (natural-log
 * units, added to the model's log-probabilities).
 *
 * @param cut cost of using a cut inside a glyph (reading one glyph as two digits)
 * @param join cost of joining two separate glyphs into one digit across a gap of {@code maxJoinGap}; a quarter of it
 *     where they touch or overlap
 * @param maxJoinGap glyphs farther apart than this (share of the line height) are never one digit
 * @param aspectFree a digit may be this wide (share of the line height) at no cost
 * @param aspectSlope cost per line height of width beyond {@code aspectFree}
 * @param maxAtoms the most atoms of several glyphs one digit may be made of, unless together they are no wider than
 *     {@code aspectFree} + {@link ReadingSearch#MAX_EXCESS_ASPECT} line heights
 * @param shortSlope cost per line height that a digit is shorter than {@link ReadingSearch#SHORT_HEIGHT} of the
 *     line's height (a fragment, a speck of a broken stroke, the flag of a 1)
 * @param loneCut what {@code cut} is for a glyph alone in its image: one piece of ink is most often one digit, while
 *     in a line a thin 1 touching its neighbour is common
 * @param lineWeight the line model's weight against the search's where a line model weighs in (the log-probability
 *     that it reads an option's text, times this, is added to the option's search score)
 */
public record ReadingPrior(double cut, double join, double maxJoinGap, double aspectFree, double aspectSlope,
    int maxAtoms, double shortSlope, double loneCut, double lineWeight) {
  /**
   * For a model that says when a piece of ink is not one digit: it judges a half of a wide 0 itself, so a cut can
   * be cheaper and a thin 1 touching its neighbour comes back; a glyph alone in its image pays half as much again
   * (chosen on the development set's tuning part: envelope zip codes and MNIST strings gained, single digits kept
   * their figures).
   */
  public static final ReadingPrior DEFAULT = new ReadingPrior(1.0, 2.0, 0.35, 0.8, 4.0, 4, 10.0, 1.5, 0.5);
  /** For a model that only knows digits: it calls half of a wide 0 a 6 and a 3, so only the prior keeps it whole. */
  public static final ReadingPrior DIGITS_ONLY = new ReadingPrior(2.0, 2.0, 0.35, 0.8, 4.0, 4, 10.0, 2.0, 0.5);

  /** The prior for a model with ({@code nonDigitClass}) or without the non-digit output. */
  public static ReadingPrior forModel(boolean nonDigitClass) {
    return nonDigitClass ? DEFAULT : DIGITS_ONLY;
  }

  public ReadingPrior {
    if (!(cut >= 0 && join >= 0 && maxJoinGap >= 0 && aspectFree > 0 && aspectSlope >= 0 && shortSlope >= 0
        && loneCut >= 0 && lineWeight >= 0) || maxAtoms < 1) {
      throw new IllegalArgumentException("Expected non-negative penalties, a positive free aspect and maxAtoms >= 1");
    }
  }

  /** Parses {@code cut,join,maxJoinGap,aspectFree,aspectSlope,maxAtoms,shortSlope,loneCut,lineWeight}. */
  public static ReadingPrior parse(String s) {
    String[] p = s.split(",");
    if (p.length != 9) {
      throw new IllegalArgumentException("Expected cut,join,max_join_gap,aspect_free,aspect_slope,max_atoms,"
          + "short_slope,lone_cut,line_weight, received '" + s + "'");
    }
    try {
      return new ReadingPrior(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
          Double.parseDouble(p[3]), Double.parseDouble(p[4]), Integer.parseInt(p[5].strip()), Double.parseDouble(p[6]),
          Double.parseDouble(p[7]), Double.parseDouble(p[8]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected numbers in '" + s + "'");
    }
  }
}
