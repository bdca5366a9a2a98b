package digits.predict;

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

  /**
   * @param predictions the model's for each of {@code p}'s inputs, in order
   * @param frames the line model's for {@code p}'s whole line, or null without a line model
   */
  static NumberReading of(PreparedImage p, List<Prediction> predictions, Frames frames, ReadingPrior prior,
      Calibration calibration) {
    if (p.line() == null) {
      Prediction only = predictions.get(0);
      return new NumberReading(String.valueOf(only.digit()), List.of(only), calibration.apply(only.confidence(), 1),
          p.inputs());
    }
    double[] logScore = new double[predictions.size()];
    for (int i = 0; i < logScore.length; i++) {
      logScore[i] = Math.log(Math.max(1e-12, predictions.get(i).confidence()));
    }
    if (frames != null) {
      LineRescoring.Reading r = LineRescoring.choose(p.line(), p.candidates(), predictions, logScore,
          p.expectedLength(), prior, frames.logProbs(), frames.offset(), frames.frames(), frames.classes());
      List<float[]> seen = new ArrayList<>();
      r.segments().forEach(s -> seen.add(p.inputs().get(p.candidates().indexOf(s))));
      return new NumberReading(r.text(), r.digits(), calibration.apply(r.confidence(), r.text().length()), seen);
    }
    ReadingSearch.Choice choice = ReadingSearch.best(p.line(), p.candidates(), logScore, p.expectedLength(), prior);
    StringBuilder text = new StringBuilder();
    List<Prediction> digits = new ArrayList<>();
    List<float[]> seen = new ArrayList<>();
    double confidence = choice.share();
    for (ReadingSearch.Segment s : choice.segments()) {
      int i = p.candidates().indexOf(s);
      digits.add(predictions.get(i));
      seen.add(p.inputs().get(i));
      text.append(predictions.get(i).digit());
      confidence *= predictions.get(i).confidence();
    }
    return new NumberReading(text.toString(), digits, calibration.apply(confidence, text.length()), seen);
  }
}
