package digits.predict;

import digits.predict.search.Ctc;
import digits.predict.search.ReadingPrior;
import digits.predict.search.ReadingSearch;
import digits.predict.segment.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a line model ({@link Ctc}) weigh in on a line's reading. The options are the search's best reading for each
 * number of digits ({@link ReadingSearch#best}) and, for each of them, every reading with one digit replaced by
 * the model's second choice for it, and the line model's own reading (its best frame path) put on the search's
 * pieces when the counts agree. Each option scores the search's log-score (a replaced digit pays what its
 * probability lacks against the first choice) plus {@link ReadingPrior#lineWeight} times the log-probability that
 * the line model reads the option's text. The search knows digit shapes; the line model counts digits and sees each
 * in its neighbours' company, which is where the search fails: a thin 1 absorbed by a touching neighbour, a digit
 * cut in two.
 */
final class LineRescoring {
  private LineRescoring() {}

  /** A reading: its segments, the prediction read in each, and what its confidence is made of. */
  record Reading(List<ReadingSearch.Segment> segments, List<Prediction> digits, Evidence evidence) {
    String text() {
      return LineRescoring.text(digits);
    }
  }

  private record Option(ReadingSearch.Choice choice, List<Prediction> digits, double score) {}

  private static String text(List<Prediction> digits) {
    StringBuilder s = new StringBuilder();
    digits.forEach(d -> s.append(d.digit()));
    return s.toString();
  }

  /**
   * The best option for the line. {@code predictions} and {@code logScore} are the model's for each of
   * {@code candidates}; {@code logProbs} holds the line model's frames ({@code frames x classes} from
   * {@code offset}). Its evidence: the digits' probabilities, the share of the reading's grouping among groupings
   * of its length, the share of the option among all options, and how much likelier the line model finds its own
   * reading.
   *
   * @throws IllegalArgumentException when no reading has {@code expectedLength} digits
   */
  static Reading choose(Line line, List<ReadingSearch.Segment> candidates, List<Prediction> predictions,
      double[] logScore, int expectedLength, ReadingPrior prior, float[] logProbs, int offset, int frames,
      int classes) {
    List<ReadingSearch.Choice> choices = expectedLength > 0
        ? List.of(ReadingSearch.best(line, candidates, logScore, expectedLength, prior))
        : ReadingSearch.bestByLength(line, candidates, logScore, prior);
    double searchBest = choices.stream().mapToDouble(ReadingSearch.Choice::score).max().orElseThrow();
    String seen = Ctc.greedy(logProbs, offset, frames, classes);
    List<Option> options = new ArrayList<>();
    for (ReadingSearch.Choice choice : choices) {
      if (choice.score() < searchBest && choice.segments().size() > 1 && !allFullHeight(line, choice)) {
        continue; // the flag of a 1 is not a 1 of its own, whatever the line model counts
      }
      List<Prediction> digits = new ArrayList<>();
      for (ReadingSearch.Segment s : choice.segments()) {
        digits.add(predictions.get(candidates.indexOf(s)));
      }
      List<List<Prediction>> readings = new ArrayList<>();
      readings.add(digits);
      if (seen.length() == digits.size()) {
        List<Prediction> relabelled = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
          relabelled.add(as(digits.get(i), seen.charAt(i) - '0'));
        }
        readings.add(relabelled);
      }
      for (int i = 0; i < digits.size(); i++) {
        int second = digits.get(i).top(2)[1];
        if (second < 10) {
          List<Prediction> replaced = new ArrayList<>(digits);
          replaced.set(i, as(digits.get(i), second));
          readings.add(replaced);
        }
      }
      for (List<Prediction> reading : readings) {
        double score = choice.score();
        for (int i = 0; i < reading.size(); i++) {
          Prediction first = digits.get(i);
          if (reading.get(i).digit() != first.digit()) {
            score += Math.log(first.probabilities()[reading.get(i).digit()] / first.probabilities()[first.digit()]);
          }
        }
        if (score > Double.NEGATIVE_INFINITY) {
          options.add(option(choice, reading, score, prior.lineWeight(), logProbs, offset, frames, classes));
        }
      }
    }
    // the same text reached twice (the line model's own reading is often the search's) counts once, at its best
    java.util.Map<String, Option> byText = new java.util.LinkedHashMap<>();
    for (Option o : options) {
      byText.merge(text(o.digits()), o, (a, b) -> b.score() > a.score() ? b : a);
    }
    Option best = options.get(0);
    double total = Double.NEGATIVE_INFINITY;
    for (Option o : byText.values()) {
      total = Ctc.logAdd(total, o.score());
      if (o.score() > best.score()) {
        best = o;
      }
    }
    String text = text(best.digits());
    double doubt = seen.equals(text) ? 0 : Ctc.logLikelihood(logProbs, offset, frames, classes, seen)
        - Ctc.logLikelihood(logProbs, offset, frames, classes, text);
    return new Reading(best.choice().segments(), best.digits(),
        Evidence.of(best.digits(), best.score() - total, Math.log(best.choice().share()), doubt));
  }

  /** {@code p} read as digit {@code d}: its confidence scaled by the ratio of their probabilities. */
  private static Prediction as(Prediction p, int d) {
    double ratio = p.probabilities()[d] / p.probabilities()[p.digit()];
    return new Prediction(d, (float) (p.confidence() * ratio), p.probabilities());
  }

  /** Whether every digit of {@code choice} reaches {@link ReadingSearch#SHORT_HEIGHT} of the line. */
  private static boolean allFullHeight(Line line, ReadingSearch.Choice choice) {
    return choice.segments().stream().allMatch(s -> ReadingSearch.height(line, s) >= ReadingSearch.SHORT_HEIGHT);
  }

  private static Option option(ReadingSearch.Choice choice, List<Prediction> digits, double search, double weight,
      float[] logProbs, int offset, int frames, int classes) {
    return new Option(choice, digits,
        search + weight * Ctc.logLikelihood(logProbs, offset, frames, classes, text(digits)));
  }
}
