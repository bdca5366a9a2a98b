package digits.devset;

/**
 * Ridge-penalized logistic regression, small and dense: what {@link CalibrationFit} weighs a reading's evidence with.
 */
final class RidgeLogistic {
  /** The ridge penalty on the standardized weights: the fit stays finite where the evidence separates perfectly. */
  private static final double RIDGE = 1;
  private static final int NEWTON_STEPS = 50;

  private RidgeLogistic() {}

  /**
   * The weights of a ridge-penalized logistic regression of {@code y} on the rows of {@code x} (Newton's method on
   * standardized features), on the features' own scale; the intercept is left out.
   */
  static double[] weights(double[][] x, boolean[] y) {
    int n = x.length;
    int k = x[0].length;
    double[] mean = new double[k];
    double[] sd = new double[k];
    for (int i = 0; i < n; i++) {
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
        for (int a = 0; a <= k; a++) {
          gradient[a] += (p - (y[i] ? 1 : 0)) * z[a];
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
