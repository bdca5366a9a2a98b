package digits.predict.search;

import digits.data.Box;
import digits.predict.ink.UnreadableImageException;
import digits.predict.segment.Line;
import digits.predict.segment.Segmenter;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how a line's atoms ({@link Segmenter}) group into digits, letting the model decide: every run of
 * neighbouring atoms that could be one digit is a candidate, the model scores each candidate (the log of its top
 * class probability), and the grouping with the best total score wins (dynamic programming over the atoms, left
 * to right). A prior keeps the model honest where it is overconfident on fragments:
 *
 * <ul>
 *   <li>using a cut inside a glyph costs {@link ReadingPrior#cut()} (less for glyphs too wide to be one digit):
 *       one glyph is one digit unless the model is confident it is two;</li>
 *   <li>joining separate glyphs into one digit costs up to {@link ReadingPrior#join()} (a quarter of it where they
 *       touch or overlap), and is not allowed across a gap wider than {@link ReadingPrior#maxJoinGap()} line
 *       heights;</li>
 *   <li>a digit wider than {@link ReadingPrior#aspectFree()} line heights costs {@link ReadingPrior#aspectSlope()}
 *       per line height beyond that;</li>
 *   <li>a digit shorter than {@link #SHORT_HEIGHT} of the line costs {@link ReadingPrior#shortSlope()} per line
 *       height it lacks (the flag of a 1 cut from its stem looks like a 1 of its own, but reaches only part of the
 *       way up);</li>
 *   <li>a glyph no taller than {@link #SKIP_HEIGHT} of the line (the end of a ruled line, a dash) may be left out
 *       for {@link #SKIP_COST}.</li>
 * </ul>
 *
 * A digit's probability is the model's for its class times the model's probability that the piece is one digit at
 * all (models trained with non-digit images). The share of the best grouping in the summed scores of all groupings
 * ({@link Choice#share}) shows an ambiguity between one wide digit and two narrow ones; the reading's confidence
 * weighs it with the rest of its evidence.
 */
public final class ReadingSearch {
  /** Glyphs may be joined into one digit up to this much wider than {@link ReadingPrior#aspectFree()}. */
  static final double MAX_EXCESS_ASPECT = 0.8;

  /**
   * A glyph no taller than this share of the line's height may be left out of the reading: a remnant of a ruled
   * line, a dash, a smudge. Anything taller must be read.
   */
  static final double SKIP_HEIGHT = 0.25;
  /** A digit shorter than this share of the line's height pays {@link ReadingPrior#shortSlope()}. */
  public static final double SHORT_HEIGHT = 0.7;
  /** What leaving such a piece out costs, in nats. */
  static final double SKIP_COST = 3.0;
  private static final int SKIPPED = -1;

  private ReadingSearch() {}

  /**
   * Where a reading that leaves out the glyph starting at atom {@code i} goes on: past its last atom when atom
   * {@code i} starts a glyph no taller than {@link #SKIP_HEIGHT} of the line, else {@code i} (no skip).
   */
  static int skippedTo(Line line, int i) {
    if (i > 0 && line.cutBetween(i - 1)) {
      return i;
    }
    int end = i + 1;
    while (end < line.atoms().size() && line.cutBetween(end - 1)) {
      end++;
    }
    Box box = line.box(i, end);
    return box.height() <= SKIP_HEIGHT * line.height() ? end : i;
  }

  /** Atoms {@code [from, to)} as one digit. */
  public record Segment(int from, int to) {}

  /**
   * The chosen segments, left to right, the share of the best grouping among all groupings, and its score (the
   * models' log-scores and the prior's log-weights summed).
   */
  public record Choice(List<Segment> segments, double share, double score) {}

  /**
   * Every segment the search may use: any run of atoms inside one glyph (the whole glyph included), and runs of
   * up to {@link ReadingPrior#maxAtoms()} atoms across glyphs no farther apart than {@link ReadingPrior#maxJoinGap()}
   * line heights (any distance when the number of digits is given: the count must be met).
   */
  public static List<Segment> candidates(Line line, ReadingPrior prior, int expectedLength) {
    List<Segment> out = new ArrayList<>();
    int n = line.atoms().size();
    for (int from = 0; from < n; from++) {
      for (int to = from + 1; to <= n; to++) {
        boolean oneGlyph = line.atoms().get(from).glyph() == line.atoms().get(to - 1).glyph();
        boolean narrow = line.atoms().get(to - 1).x1() - line.atoms().get(from).x0()
            <= (prior.aspectFree() + MAX_EXCESS_ASPECT) * line.height();
        if (!oneGlyph && to - from > prior.maxAtoms() && !narrow) {
          break;
        }
        if (to > from + 1 && !line.cutBetween(to - 2) && expectedLength == 0
            && line.gapAfter(to - 2) > prior.maxJoinGap() * line.height()) {
          break;
        }
        out.add(new Segment(from, to));
      }
    }
    return out;
  }

  /** The prior's log-weight for {@code s} as one digit (joins and width), without its boundary. */
  static double segmentPrior(Line line, Segment s, ReadingPrior prior) {
    double score = 0;
    for (int i = s.from(); i < s.to() - 1; i++) {
      if (!line.cutBetween(i)) {
        score -= joinCost(line, i, prior);
      }
    }
    Box box = line.box(s.from(), s.to());
    double aspect = (double) (box.width()) / line.height();
    return score - prior.aspectSlope() * Math.max(0, aspect - prior.aspectFree())
        - prior.shortSlope() * Math.max(0, SHORT_HEIGHT - height(line, s));
  }

  /** Whether {@code s} is one whole glyph: the reading that takes the ink as it is cut, nothing joined or split. */
  public static boolean wholeGlyph(Line line, Segment s) {
    if ((s.from() > 0 && line.cutBetween(s.from() - 1)) || (s.to() < line.atoms().size()
        && line.cutBetween(s.to() - 1))) {
      return false;
    }
    for (int i = s.from(); i < s.to() - 1; i++) {
      if (!line.cutBetween(i)) {
        return false;
      }
    }
    return true;
  }

  /** The height of {@code s}'s ink as a share of the line's height. */
  public static double height(Line line, Segment s) {
    Box box = line.box(s.from(), s.to());
    return (double) (box.height()) / line.height();
  }

  /**
   * The best grouping.
   *
   * @param logScore the model's log top-class probability of each candidate, in {@link #candidates} order
   * @param expectedLength the number of digits when known, else 0
   */
  public static Choice best(Line line, List<Segment> candidates, double[] logScore, int expectedLength,
      ReadingPrior prior) {
    int n = line.atoms().size();
    int maxDigits = expectedLength > 0 ? expectedLength : n;
    Table t = table(line, candidates, logScore, maxDigits, prior);
    int digits = -1;
    double sum = Double.NEGATIVE_INFINITY;
    for (int k = 1; k <= maxDigits; k++) {
      if (expectedLength > 0 && k != expectedLength) {
        continue;
      }
      sum = Ctc.logAdd(sum, t.total()[n][k]);
      if (t.best()[n][k] > Double.NEGATIVE_INFINITY && (digits < 0 || t.best()[n][k] > t.best()[n][digits])) {
        digits = k;
      }
    }
    if (digits < 0) {
      throw new UnreadableImageException("cannot read " + expectedLength + " digits in this image (found "
          + n + " pieces of ink)");
    }
    return t.choice(candidates, digits, sum);
  }

  /**
   * The best grouping for each number of digits that the line can be read as, fewest digits first, from one pass
   * of the dynamic programming; each share is among the groupings of its own number of digits.
   */
  public static List<Choice> bestByLength(Line line, List<Segment> candidates, double[] logScore,
      ReadingPrior prior) {
    int n = line.atoms().size();
    Table t = table(line, candidates, logScore, n, prior);
    List<Choice> out = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      if (t.best()[n][k] > Double.NEGATIVE_INFINITY) {
        out.add(t.choice(candidates, k, t.total()[n][k]));
      }
    }
    return out;
  }

  /**
   * The dynamic programming's tables, by atoms read and digits read: the best score and the log of the summed
   * scores of every way there, and how the best way got there (a candidate's index, or a skip from an atom).
   */
  private record Table(double[][] best, double[][] total, int[][] back, int[][] skippedFrom) {
    /** The best grouping of the whole line into {@code digits} digits; {@code sum} is what its share is of. */
    Choice choice(List<Segment> candidates, int digits, double sum) {
      int n = best.length - 1;
      List<Segment> chosen = new ArrayList<>();
      for (int at = n, k = digits; at > 0; ) {
        if (back[at][k] == SKIPPED) {
          at = skippedFrom[at][k];
          continue;
        }
        Segment s = candidates.get(back[at][k]);
        chosen.add(0, s);
        at = s.from();
        k--;
      }
      return new Choice(chosen, Math.exp(best[n][digits] - sum), best[n][digits]);
    }
  }

  private static Table table(Line line, List<Segment> candidates, double[] logScore, int maxDigits,
      ReadingPrior prior) {
    int n = line.atoms().size();
    double[][] best = new double[n + 1][maxDigits + 1];
    double[][] total = new double[n + 1][maxDigits + 1];
    int[][] back = new int[n + 1][maxDigits + 1];
    int[][] skippedFrom = new int[n + 1][maxDigits + 1];
    for (double[] row : best) {
      java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
    }
    for (double[] row : total) {
      java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
    }
    best[0][0] = 0;
    total[0][0] = 0;
    // Candidates are ordered by (from, to), so every path into `at` is complete before it is extended.
    int c = 0;
    for (int at = 0; at < n; at++) {
      for (; c < candidates.size() && candidates.get(c).from() == at; c++) {
        Segment s = candidates.get(c);
        double step = logScore[c] + segmentPrior(line, s, prior)
            + (s.from() > 0 && line.cutBetween(s.from() - 1) ? -cutCost(line, s.from(), prior) : 0);
        for (int k = 0; k < maxDigits; k++) {
          if (best[s.from()][k] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double score = best[s.from()][k] + step;
          if (score > best[s.to()][k + 1]) {
            best[s.to()][k + 1] = score;
            back[s.to()][k + 1] = c;
          }
          total[s.to()][k + 1] = Ctc.logAdd(total[s.to()][k + 1], total[s.from()][k] + step);
        }
      }
      int end = skippedTo(line, at);
      if (end > at) {
        for (int k = 0; k <= maxDigits; k++) {
          if (best[at][k] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double score = best[at][k] - SKIP_COST;
          if (score > best[end][k]) {
            best[end][k] = score;
            back[end][k] = SKIPPED;
            skippedFrom[end][k] = at;
          }
          total[end][k] = Ctc.logAdd(total[end][k], total[at][k] - SKIP_COST);
        }
      }
    }
    return new Table(best, total, back, skippedFrom);
  }

  /**
   * The cost of joining the glyphs on either side of the gap after atom {@code i} into one digit: a quarter of
   * {@link ReadingPrior#join()} where they touch or overlap (a stroke broken in two), rising to all of it at a gap
   * of {@link ReadingPrior#maxJoinGap()} line heights.
   */
  static double joinCost(Line line, int i, ReadingPrior prior) {
    double gap = Math.max(0, line.gapAfter(i)) / (prior.maxJoinGap() * line.height() + 1e-9);
    return prior.join() * (TOUCHING_JOIN + (1 - TOUCHING_JOIN) * Math.min(1, gap));
  }

  /** The share of {@link ReadingPrior#join()} that joining glyphs which touch or overlap costs. */
  static final double TOUCHING_JOIN = 0.25;
  /** Glyphs up to this wide (line heights) pay the full {@link ReadingPrior#cut()} for a cut. */
  static final double CUT_FULL_ASPECT = 1.3;
  /** Over this much more width (line heights), a cut's cost falls to {@link #CUT_MIN_SHARE} of it. */
  static final double CUT_FADE_ASPECT = 0.7;
  static final double CUT_MIN_SHARE = 0.1;

  /**
   * The cost of reading a glyph as more than one digit at the cut before atom {@code i}: the full
   * {@link ReadingPrior#cut()} for a glyph up to 1.3 line heights wide (a wide or slanted single digit), falling
   * to a tenth of it at 2 line heights (several touching digits, which the width prior keeps from being read as
   * one); {@link ReadingPrior#loneCut()} in place of the cut price for a glyph alone in its image.
   */
  static double cutCost(Line line, int i, ReadingPrior prior) {
    double excess = line.glyphAspect(i) - CUT_FULL_ASPECT;
    double price = line.glyphWidths().length == 1 ? prior.loneCut() : prior.cut();
    return price * Math.max(CUT_MIN_SHARE, Math.min(1, 1 - excess / CUT_FADE_ASPECT));
  }


}
