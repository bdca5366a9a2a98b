package digits.predict;

/**
 * Area-weighted resampling: each output pixel is the average of the input area it covers, with fractional
 * overlaps weighted. Anti-aliased when shrinking; when enlarging, it spreads each input pixel over the output
 * pixels it covers. Separable: rows first, then columns.
 */
final class Resample {
  private Resample() {}

  static InkImage area(InkImage in, int width, int height) {
    float[] rows = new float[width * in.height()];
    float[][] wx = weights(in.width(), width);
    int[][] ix = indices(in.width(), width);
    for (int y = 0; y < in.height(); y++) {
      for (int x = 0; x < width; x++) {
        float s = 0;
        for (int k = 0; k < ix[x].length; k++) {
          s += wx[x][k] * in.at(ix[x][k], y);
        }
        rows[y * width + x] = s;
      }
    }
    float[] out = new float[width * height];
    float[][] wy = weights(in.height(), height);
    int[][] iy = indices(in.height(), height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float s = 0;
        for (int k = 0; k < iy[y].length; k++) {
          s += wy[y][k] * rows[iy[y][k] * width + x];
        }
        out[y * width + x] = s;
      }
    }
    return new InkImage(out, width, height);
  }

  /** For each output index, the input indices it overlaps. */
  private static int[][] indices(int n, int m) {
    int[][] idx = new int[m][];
    double step = (double) n / m;
    for (int j = 0; j < m; j++) {
      int a = (int) Math.floor(j * step);
      int b = Math.min(n, (int) Math.ceil((j + 1) * step));
      idx[j] = new int[Math.max(1, b - a)];
      for (int k = 0; k < idx[j].length; k++) {
        idx[j][k] = Math.min(n - 1, a + k);
      }
    }
    return idx;
  }

  /** The matching overlap weights, summing to 1 per output index. */
  private static float[][] weights(int n, int m) {
    float[][] w = new float[m][];
    double step = (double) n / m;
    int[][] idx = indices(n, m);
    for (int j = 0; j < m; j++) {
      double lo = j * step;
      double hi = (j + 1) * step;
      w[j] = new float[idx[j].length];
      double sum = 0;
      for (int k = 0; k < idx[j].length; k++) {
        int i = idx[j][k];
        double overlap = Math.max(0, Math.min(hi, i + 1) - Math.max(lo, i));
        w[j][k] = (float) overlap;
        sum += overlap;
      }
      for (int k = 0; k < w[j].length; k++) {
        w[j][k] = sum == 0 ? 1f / w[j].length : (float) (w[j][k] / sum);
      }
    }
    return w;
  }
}
