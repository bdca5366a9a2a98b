package digits.predict.ink;

/**
 * Area-weighted resampling: each output pixel is the average of the input area it covers, with fractional
 * overlaps weighted. Anti-aliased when shrinking; when enlarging, it spreads each input pixel over the output
 * pixels it covers. Separable: rows first, then columns.
 */
public final class Resample {
  private Resample() {}

  public static InkImage area(InkImage in, int width, int height) {
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

  /**
   * The side of the square blocks that an image enlarged by pixel repetition is made of: the greatest common
   * divisor of the rows and columns where the pixels change, or 1 when that is not one block size throughout.
   */
  static int blockSize(int[] argb, int w, int h) {
    int k = 0;
    for (int y = 1; y < h; y++) {
      if (!java.util.Arrays.equals(argb, y * w, y * w + w, argb, (y - 1) * w, y * w)) {
        k = gcd(k, y);
      }
    }
    for (int x = 1; x < w && k != 1; x++) {
      for (int y = 0; y < h; y++) {
        if (argb[y * w + x] != argb[y * w + x - 1]) {
          k = gcd(k, x);
          break;
        }
      }
    }
    return k == 0 ? 1 : k;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /**
   * {@code in} smoothed where it is made of {@code block}-pixel squares ({@link #blockSize}): each square
   * averaged to one sample, then enlarged back by bilinear interpolation, so a blocky 8x8 scan becomes soft
   * strokes like a pen's. Images with blocks smaller than 3 pixels come back as they are.
   */
  static InkImage unpixelate(InkImage in, int block) {
    if (block < 3 || in.width() < 2 * block || in.height() < 2 * block) {
      return in;
    }
    InkImage small = area(in, (in.width() + block - 1) / block, (in.height() + block - 1) / block);
    float[] out = new float[in.width() * in.height()];
    // Where each column falls between samples is the same for every row.
    int[] left = new int[in.width()];
    double[] along = new double[in.width()];
    for (int x = 0; x < in.width(); x++) {
      double sx = Math.max(0, Math.min(small.width() - 1, (x + 0.5) / block - 0.5));
      left[x] = Math.min((int) sx, small.width() - 2);
      along[x] = sx - left[x];
    }
    for (int y = 0; y < in.height(); y++) {
      double sy = Math.max(0, Math.min(small.height() - 1, (y + 0.5) / block - 0.5));
      int y0 = Math.min((int) sy, small.height() - 2);
      double fy = sy - y0;
      for (int x = 0; x < in.width(); x++) {
        int x0 = left[x];
        double fx = along[x];
        double top = small.at(x0, y0) * (1 - fx) + small.at(x0 + 1, y0) * fx;
        double bottom = small.at(x0, y0 + 1) * (1 - fx) + small.at(x0 + 1, y0 + 1) * fx;
        out[y * in.width() + x] = (float) (top * (1 - fy) + bottom * fy);
      }
    }
    return new InkImage(out, in.width(), in.height());
  }
}
