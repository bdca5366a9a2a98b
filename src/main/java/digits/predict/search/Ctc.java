package digits.predict.search;

import java.util.Arrays;

/**
 * Connectionist temporal classification over a line model's frames: each frame holds the log-probabilities of the
 * ten digits and of a blank (the last class). A text is read from the frames by dropping repeats and blanks, so
 * "7-77--1" (blank "-") reads "71". {@link #logLikelihood} sums every frame path that reads a text.
 */
public final class Ctc {
  private Ctc() {}

  /** The most probable frame path read as text (best class per frame, repeats merged, blanks dropped). */
  public static String greedy(float[] logProbs, int offset, int frames, int classes) {
    int blank = classes - 1;
    StringBuilder text = new StringBuilder();
    int previous = blank;
    for (int t = 0; t < frames; t++) {
      int base = offset + t * classes;
      int best = 0;
      for (int k = 1; k < classes; k++) {
        if (logProbs[base + k] > logProbs[base + best]) {
          best = k;
        }
      }
      if (best != previous && best != blank) {
        text.append((char) ('0' + best));
      }
      previous = best;
    }
    return text.toString();
  }

  /**
   * The log-probability that the frames read {@code text} (digits only): the forward algorithm over the text with
   * a blank before, between and after its digits; negative infinity when the frames are too few.
   */
  public static double logLikelihood(float[] logProbs, int offset, int frames, int classes, CharSequence text) {
    int blank = classes - 1;
    int states = 2 * text.length() + 1;
    int[] label = new int[states];
    for (int s = 0; s < states; s++) {
      label[s] = s % 2 == 0 ? blank : text.charAt(s / 2) - '0';
    }
    double[] alpha = new double[states];
    double[] next = new double[states];
    Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
    alpha[0] = logProbs[offset + blank];
    if (states > 1) {
      alpha[1] = logProbs[offset + label[1]];
    }
    for (int t = 1; t < frames; t++) {
      int base = offset + t * classes;
      for (int s = 0; s < states; s++) {
        double v = alpha[s];
        if (s > 0) {
          v = logAdd(v, alpha[s - 1]);
        }
        if (s > 1 && label[s] != blank && label[s] != label[s - 2]) {
          v = logAdd(v, alpha[s - 2]);
        }
        next[s] = v + logProbs[base + label[s]];
      }
      double[] swap = alpha;
      alpha = next;
      next = swap;
    }
    return states > 1 ? logAdd(alpha[states - 1], alpha[states - 2]) : alpha[0];
  }

  /** {@code log(exp(a) + exp(b))} without overflow. */
  public static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }
}
