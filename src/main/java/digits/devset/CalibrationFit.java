package digits.devset;

import digits.devset.ReadBenchmark.Answer;
import digits.predict.Calibration;
import digits.predict.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Fits the {@link Calibration} that makes "not uncertain" a promise a user can act on, from the development set's
 * tuning answers. First the weights: a logistic regression of "the answer is right" on its {@link Evidence}, which
 * ranks answers by how likely they are right. Then, per kind of reading ({@link Calibration.Kind}: one digit, or a line
 * by its length), the offset: the lowest score at which, in every category, at least {@link #TARGET_PRECISION} of the
 * answers at or above it are right lands at {@link Calibration#CERTAIN}; and the slope around that point that makes
 * the kind's confidences likeliest (maximum likelihood on a grid: which answers are certain does not depend on it).
 */
public final class CalibrationFit {
  /**
   * The share of answers at {@link Calibration#CERTAIN} or more that must be right in every category of the tuning
   * part, within each kind of reading: the 99.5% promised.
   */
  public static final double TARGET_PRECISION = 0.995;
  /** A kind of reading with fewer tuning answers than this takes the threshold of every line's answers together. */
  static final int MIN_ANSWERS = 100;
  /** The ridge penalty on the standardized weights: the fit stays finite where the evidence separates perfectly. */
  private static final double RIDGE = 1;
  private static final int NEWTON_STEPS = 50;

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
    double[] weights = logistic(read);
    int kinds = Calibration.Kind.values().length;
    Calibration scoring = new Calibration(weights, new double[kinds], new double[kinds]);
    ToDoubleFunction<Answer> score = a -> scoring.score(a.evidence());
    List<Answer> lines = read.stream().filter(a -> a.kind() != Calibration.Kind.ONE_DIGIT).toList();
    double[] slopes = new double[kinds];
    double[] offsets = new double[kinds];
    for (Calibration.Kind kind : Calibration.Kind.values()) {
      List<Answer> own = read.stream().filter(a -> a.kind() == kind).toList();
      List<Answer> fitted = own.size() >= MIN_ANSWERS ? own : kind == Calibration.Kind.ONE_DIGIT ? read : lines;
      fitted = fitted.isEmpty() ? read : fitted;
      double t = threshold(fitted, score);
      if (t == Double.POSITIVE_INFINITY) { // not even the surest answer keeps the promise: none is certain
        t = fitted.stream().mapToDouble(score).max().orElseThrow() + 1;
      }
      slopes[kind.ordinal()] = slope(fitted, score, t);
      offsets[kind.ordinal()] = Calibration.offsetAt(t, slopes[kind.ordinal()]);
    }
    return new Calibration(weights, slopes, offsets);
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
   * The lowest score such that, in every category, at least {@link #TARGET_PRECISION} of the answers scoring at or
   * above it are right; +infinity when there is none.
   */
  static double threshold(List<Answer> answers, ToDoubleFunction<Answer> score) {
    List<Answer> sorted = new ArrayList<>(answers);
    sorted.sort(Comparator.comparingDouble(score).reversed());
    Map<String, int[]> counts = new HashMap<>(); // category -> {confident, right}
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sorted.size(); i++) {
      Answer a = sorted.get(i);
      int[] c = counts.computeIfAbsent(a.item().category(), k -> new int[2]);
      c[0]++;
      c[1] += a.exact() ? 1 : 0;
      double s = score.applyAsDouble(a);
      boolean boundary = i + 1 == sorted.size() || score.applyAsDouble(sorted.get(i + 1)) != s;
      if (boundary && counts.values().stream().allMatch(x -> x[1] >= TARGET_PRECISION * x[0])) {
        best = s;
      }
    }
    return best;
  }

  /**
   * The weights of a ridge-penalized logistic regression of "right" on the answers' features (Newton's method on
   * standardized features), on the features' own scale; the intercept is left to the offsets.
   */
  static double[] logistic(List<Answer> answers) {
    int n = answers.size();
    int k = Evidence.NAMES.size();
    double[][] x = new double[n][];
    double[] mean = new double[k];
    double[] sd = new double[k];
    for (int i = 0; i < n; i++) {
      x[i] = answers.get(i).evidence().features();
      for (int j = 0; j < k; j++) {
        mean[j] += x[i][j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < k; j++) {
        sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < k; j++) {
      sd[j] = Math.sqrt(sd[j]) > 1e-9 ? Math.sqrt(sd[j]) : 1; // a constant feature keeps weight 0 under the ridge
    }
    double[] w = new double[k + 1]; // standardized weights, then the intercept
    for (int step = 0; step < NEWTON_STEPS; step++) {
      double[] gradient = new double[k + 1];
      double[][] hessian = new double[k + 1][k + 1];
      for (int j = 0; j <= k; j++) { // the intercept's penalty is a token one: it only keeps the system solvable
        double ridge = j < k ? RIDGE : 1e-9;
        gradient[j] = ridge * w[j];
        hessian[j][j] = ridge;
      }
      for (int i = 0; i < n; i++) {
        double[] z = standardized(x[i], mean, sd);
        double p = 1 / (1 + Math.exp(-dot(w, z)));
        double y = answers.get(i).exact() ? 1 : 0;
        for (int a = 0; a <= k; a++) {
          gradient[a] += (p - y) * z[a];
          for (int b = 0; b <= k; b++) {
            hessian[a][b] += p * (1 - p) * z[a] * z[b];
          }
        }
      }
      double[] move = solve(hessian, gradient);
      double size = 0;
      for (int a = 0; a <= k; a++) {
        w[a] -= move[a];
        size = Math.max(size, Math.abs(move[a]));
      }
      if (size < 1e-9) {
        break;
      }
    }
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = w[j] / sd[j];
    }
    return out;
  }

  /** {@code row} standardized, with a 1 appended for the intercept. */
  private static double[] standardized(double[] row, double[] mean, double[] sd) {
    double[] z = new double[row.length + 1];
    for (int j = 0; j < row.length; j++) {
      z[j] = (row[j] - mean[j]) / sd[j];
    }
    z[row.length] = 1;
    return z;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** {@code a}<sup>-1</sup> {@code b} by Gaussian elimination with partial pivoting ({@code a} positive definite). */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        pivot = Math.abs(m[r][c]) > Math.abs(m[pivot][c]) ? r : pivot;
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= n; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] out = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int j = r + 1; j < n; j++) {
        s -= m[r][j] * out[j];
      }
      out[r] = s / m[r][r];
    }
    return out;
  }
}
