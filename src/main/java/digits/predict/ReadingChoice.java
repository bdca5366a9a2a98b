package digits.predict;

import digits.predict.search.Ctc;
import digits.predict.search.ReadingPrior;
import digits.predict.search.ReadingSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading of a prepared image once the models have scored it: the digit the model gives an image read as one
 * digit; for a line, the search's best grouping ({@link ReadingSearch}), weighed by the line model's frames when
 * there is one ({@link LineRescoring}); the confidence calibrated by the kind of reading ({@link Calibration}).
 */
final class ReadingChoice {
  private ReadingChoice() {}

  /** The line model's frames of one line: {@code frames x classes} log-probabilities from {@code offset}. */
  record Frames(float[] logProbs, int offset, int frames, int classes) {}

  /** A settled reading's weakest digit is at least this many times likelier than the best other digit (ln). */
  static final double SETTLED_MARGIN = 1;
  /** ...and holds at least this share of the line model's options. */
  static final double SETTLED_SHARE = 0.99;

  /**
   * Whether the candidates scored so far settle the reading of {@code p}'s line: its whole glyphs, read one digit
   * each, give what the line model reads (the length asked for, if any), every digit's probability is at least
   * e<sup>{@link #SETTLED_MARGIN}</sup> times the best other digit's, and that reading holds at least
   * {@link #SETTLED_SHARE} of the options. Then scoring the other candidates (joins, cuts) seldom changes the
   * answer: on the development set, 4 answers of 18,000 changed, two for the better and two for the worse.
   */
  static boolean settled(PreparedImage p, List<Prediction> predictions, Frames frames, ReadingPrior prior) {
    if (p.line() == null || frames == null) {
      return false;
    }
    double[] logScore = logScores(predictions);
    LineRescoring.Reading r;
    try {
      r = LineRescoring.choose(p.line(), p.candidates(), predictions, logScore, p.expectedLength(), prior,
          frames.logProbs(), frames.offset(), frames.frames(), frames.classes());
    } catch (IllegalArgumentException e) {
      return false; // no reading of the length asked for among the glyphs
    }
    return r.text().equals(Ctc.greedy(frames.logProbs(), frames.offset(), frames.frames(), frames.classes()))
        && r.evidence().weakestMargin() >= SETTLED_MARGIN && r.evidence().optionShare() >= Math.log(SETTLED_SHARE);
  }

  private static double[] logScores(List<Prediction> predictions) {
    double[] logScore = new double[predictions.size()];
    for (int i = 0; i < logScore.length; i++) {
      logScore[i] = Math.log(Math.max(1e-12, predictions.get(i).confidence()));
    }
    return logScore;
  }

  /**
   * @param predictions the model's for each of {@code p}'s inputs, in order
   * @param frames the line model's for {@code p}'s whole line, or null without a line model
   */
  static NumberReading of(PreparedImage p, List<Prediction> predictions, Frames frames, ReadingPrior prior,
      Calibration calibration) {
    if (p.line() == null) {
      Prediction only = predictions.get(0);
      Evidence e = Evidence.of(only);
      return new NumberReading(String.valueOf(only.digit()), List.of(only), calibration.apply(e, 1), p.inputs(), e);
    }
    double[] logScore = logScores(predictions);
    if (frames != null) {
      LineRescoring.Reading r = LineRescoring.choose(p.line(), p.candidates(), predictions, logScore,
          p.expectedLength(), prior, frames.logProbs(), frames.offset(), frames.frames(), frames.classes());
      List<float[]> seen = new ArrayList<>();
      r.segments().forEach(s -> seen.add(p.inputs().get(p.candidates().indexOf(s))));
      return new NumberReading(r.text(), r.digits(), calibration.apply(r.evidence(), r.text().length()), seen,
          r.evidence());
    }
    ReadingSearch.Choice choice = ReadingSearch.best(p.line(), p.candidates(), logScore, p.expectedLength(), prior);
    StringBuilder text = new StringBuilder();
    List<Prediction> digits = new ArrayList<>();
    List<float[]> seen = new ArrayList<>();
    for (ReadingSearch.Segment s : choice.segments()) {
      int i = p.candidates().indexOf(s);
      digits.add(predictions.get(i));
      seen.add(p.inputs().get(i));
      text.append(predictions.get(i).digit());
    }
    Evidence e = Evidence.of(digits, 0, Math.log(choice.share()), 0);
    return new NumberReading(text.toString(), digits, calibration.apply(e, text.length()), seen, e);
  }
}
