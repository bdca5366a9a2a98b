package digits.devset;

import digits.devset.ReadBenchmark.Answer;
import digits.predict.Calibration;
import digits.predict.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Fits the {@link Calibration} that makes "not uncertain" a promise a user can act on, from the development set's
 * tuning answers. First the weights: a logistic regression of "the answer is right" on its {@link Evidence}, which
 * ranks answers by how likely they are right. Then, per kind of reading ({@link Calibration.Kind}: one digit, or a line
 * by its length), the offset: the lowest score at which at least {@link #TARGET_PRECISION} of the kind's answers at
 * or above it are right, and each category's too (one mistake aside: {@link #categoryKeepsIt}), lands at
 * {@link Calibration#CERTAIN}; and the slope around that point that makes the kind's confidences likeliest (maximum
 * likelihood on a grid: which answers are certain does not depend on it).
 */
public final class CalibrationFit {
  /**
   * The share of answers at {@link Calibration#CERTAIN} or more that must be right on the tuning part, within each
   * kind of reading: the 99.5% promised.
   */
  public static final double TARGET_PRECISION = 0.995;
  /** A kind of reading with fewer tuning answers than this takes the threshold of every line's answers together. */
  static final int MIN_ANSWERS = 100;

  private CalibrationFit() {}

  /**
   * The calibration for {@code answers} (tuning answers with their raw evidence); {@link Calibration#NONE} when
   * nothing was read or every answer is right or every one wrong (no ranking to learn).
   */
  public static Calibration fit(List<Answer> answers) {
    List<Answer> read = answers.stream().filter(a -> !a.read().isEmpty()).toList();
    long right = read.stream().filter(Answer::exact).count();
    if (right == 0 || right == read.size()) {
      return Calibration.NONE;
    }
    double[][] features = read.stream().map(a -> a.evidence().features()).toArray(double[][]::new);
    boolean[] exact = new boolean[read.size()];
    for (int i = 0; i < exact.length; i++) {
      exact[i] = read.get(i).exact();
    }
    double[] weights = RidgeLogistic.weights(features, exact);
    int kinds = Calibration.Kind.values().length;
    Calibration scoring = new Calibration(weights, new double[kinds], new double[kinds]);
    ToDoubleFunction<Answer> score = a -> scoring.score(a.evidence());
    List<Answer> lines = read.stream().filter(a -> a.kind() != Calibration.Kind.ONE_DIGIT).toList();
    List<List<Answer>> byKind = new ArrayList<>();
    List<List<Answer>> fitted = new ArrayList<>();
    double[] thresholds = new double[kinds];
    for (Calibration.Kind kind : Calibration.Kind.values()) {
      List<Answer> own = read.stream().filter(a -> a.kind() == kind).toList();
      byKind.add(own);
      List<Answer> f = own.size() >= MIN_ANSWERS ? own : kind == Calibration.Kind.ONE_DIGIT ? read : lines;
      f = f.isEmpty() ? read : f;
      double t = threshold(f, score);
      if (t == Double.POSITIVE_INFINITY) { // not even the surest answer keeps the promise: none is certain
        t = f.stream().mapToDouble(score).max().orElseThrow() + 1;
      }
      fitted.add(f);
      thresholds[kind.ordinal()] = t;
    }
    tighten(read, byKind, score, thresholds);
    double[] slopes = new double[kinds];
    double[] offsets = new double[kinds];
    for (int k = 0; k < kinds; k++) {
      slopes[k] = slope(fitted.get(k), score, thresholds[k]);
      offsets[k] = Calibration.offsetAt(thresholds[k], slopes[k]);
    }
    return new Calibration(weights, slopes, offsets);
  }

  /**
   * Raises kinds' thresholds until every category's certain answers, over all kinds together, keep the promise
   * ({@link #categoryKeepsIt}: its five-digit and its eight-digit answers may each keep it within their kind and not
   * together). Each time, of the kinds holding a certain wrong answer of the category, the one that loses the
   * fewest certain answers moves its threshold just above its least sure such answer. {@code byKind}: the answers
   * of each kind, in {@link Calibration.Kind} order.
   */
  private static void tighten(List<Answer> answers, List<List<Answer>> byKind, ToDoubleFunction<Answer> score,
      double[] thresholds) {
    Predicate<Answer> certain = a -> score.applyAsDouble(a) >= thresholds[a.kind().ordinal()];
    for (String broken = broken(answers, certain); broken != null; broken = broken(answers, certain)) {
      int chosen = -1;
      double raised = 0;
      long fewest = Long.MAX_VALUE;
      for (int k = 0; k < thresholds.length; k++) {
        String category = broken;
        List<Answer> own = byKind.get(k);
        OptionalDouble wrong = own.stream().filter(a -> !a.exact() && certain.test(a)
            && a.item().category().equals(category)).mapToDouble(score).min();
        if (wrong.isPresent()) {
          double t = own.stream().mapToDouble(score).filter(s -> s > wrong.getAsDouble()).min()
              .orElse(wrong.getAsDouble() + 1); // none above it: none of the kind stays certain
          long lost = own.stream().filter(a -> certain.test(a) && score.applyAsDouble(a) < t).count();
          if (lost < fewest) {
            chosen = k;
            raised = t;
            fewest = lost;
          }
        }
      }
      thresholds[chosen] = raised;
    }
  }

  /** The first category, by name, whose certain answers break the promise ({@link #categoryKeepsIt}); or null. */
  private static String broken(List<Answer> answers, Predicate<Answer> certain) {
    Map<String, int[]> counts = new TreeMap<>();
    for (Answer a : answers) {
      if (certain.test(a)) {
        int[] c = counts.computeIfAbsent(a.item().category(), k -> new int[2]);
        c[0]++;
        c[1] += a.exact() ? 1 : 0;
      }
    }
    return counts.entrySet().stream().filter(e -> !categoryKeepsIt(e.getValue()))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /**
   * The slope (from 1/20 to 20) under which confidences pinned at {@link Calibration#CERTAIN} for score {@code t}
   * give {@code answers} their highest likelihood.
   */
  static double slope(List<Answer> answers, ToDoubleFunction<Answer> score, double t) {
    double best = 1;
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    for (int i = -30; i <= 30; i++) {
      double a = Math.pow(20, i / 30.0);
      double offset = Calibration.offsetAt(t, a);
      double likelihood = 0;
      for (Answer x : answers) {
        double z = a * score.applyAsDouble(x) + offset;
        // log sigmoid(z) for a right answer, log sigmoid(-z) for a wrong one, computed stably
        double signed = x.exact() ? z : -z;
        likelihood -= signed > 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed));
      }
      if (likelihood > bestLikelihood) {
        bestLikelihood = likelihood;
        best = a;
      }
    }
    return best;
  }

  /**
   * The lowest score such that at least {@link #TARGET_PRECISION} of the answers scoring at or above it are right, all
   * together, and every category keeps it ({@link #categoryKeepsIt}); +infinity when there is none.
   */
  static double threshold(List<Answer> answers, ToDoubleFunction<Answer> score) {
    List<Answer> sorted = new ArrayList<>(answers);
    sorted.sort(Comparator.comparingDouble(score).reversed());
    Map<String, int[]> counts = new HashMap<>(); // category -> {confident, right}
    int[] all = new int[2];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sorted.size(); i++) {
      Answer a = sorted.get(i);
      int[] c = counts.computeIfAbsent(a.item().category(), k -> new int[2]);
      int right = a.exact() ? 1 : 0;
      c[0]++;
      c[1] += right;
      all[0]++;
      all[1] += right;
      double s = score.applyAsDouble(a);
      boolean boundary = i + 1 == sorted.size() || score.applyAsDouble(sorted.get(i + 1)) != s;
      if (boundary && keepsThePromise(all) && counts.values().stream().allMatch(CalibrationFit::categoryKeepsIt)) {
        best = s;
      }
    }
    return best;
  }

  /** Whether {@code counts} ({confident, right}) are right at least {@link #TARGET_PRECISION} of the time. */
  private static boolean keepsThePromise(int[] counts) {
    return counts[1] >= TARGET_PRECISION * counts[0];
  }

  /**
   * Whether a category's {@code counts} ({confident, right}) keep the promise: at most one mistake, or
   * 1 - {@link #TARGET_PRECISION} of them if that is more. One confident mistake among fewer than 200 answers cannot
   * show that they are wrong more than 0.5% of the time (and one wrong five-digit font string among a hundred would
   * otherwise set the bar for every envelope zip code); two among them can.
   */
  static boolean categoryKeepsIt(int[] counts) {
    return counts[0] - counts[1] <= Math.max(1, (int) Math.floor((1 - TARGET_PRECISION) * counts[0] + 1e-9));
  }
}
