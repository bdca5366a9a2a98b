package digits.inference;

/** Arithmetic on rows of scores {@code [n, classes]} held in flat float arrays. */
public final class Predictions {
  private Predictions() {}

  /** The index of the largest score in row {@code i}. */
  public static int argMax(float[] scores, int i, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (scores[i * classes + c] > scores[i * classes + best]) {
        best = c;
      }
    }
    return best;
  }

  /** How many rows have their largest score at the label. */
  public static int correct(float[] scores, int[] labels, int classes) {
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (argMax(scores, i, classes) == labels[i]) {
        n++;
      }
    }
    return n;
  }

  /** Sum over rows of {@code -log p[label]}, with p clipped at 1e-7 like Keras. */
  public static double crossEntropySum(float[] probabilities, int[] labels, int classes) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      sum -= Math.log(Math.max(probabilities[i * classes + labels[i]], 1e-7));
    }
    return sum;
  }
}
