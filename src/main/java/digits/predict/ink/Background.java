package digits.predict.ink;

/**
 * The paper's brightness around each pixel of a photo or scan, and the strength of its ink: what lets uneven
 * light, shadows and tinted paper cancel out before a threshold is chosen.
 */
public final class Background {
  private Background() {}

  /**
   * A local maximum of {@code v} (paper bright, ink dark) over blocks of about an eighth of the shorter side,
   * taken over each block's 3x3 neighbourhood, smoothed and interpolated back to every pixel; never below the
   * pixel itself. Strokes narrower than a block vanish from it; the light's gradient stays.
   */
  static float[] paper(float[] v, int w, int h) {
    int block = Math.max(3, Math.min(w, h) / 8);
    int bw = (w + block - 1) / block;
    int bh = (h + block - 1) / block;
    float[] blockMax = new float[bw * bh];
    int[] blockOfX = new int[w];
    for (int x = 0; x < w; x++) {
      blockOfX[x] = x / block;
    }
    for (int y = 0; y < h; y++) {
      int row = (y / block) * bw;
      for (int x = 0; x < w; x++) {
        int b = row + blockOfX[x];
        blockMax[b] = Math.max(blockMax[b], v[y * w + x]);
      }
    }
    float[] around = new float[bw * bh];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        float m = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = by + dy;
            int xx = bx + dx;
            if (yy >= 0 && xx >= 0 && yy < bh && xx < bw) {
              m = Math.max(m, blockMax[yy * bw + xx]);
            }
          }
        }
        around[by * bw + bx] = m;
      }
    }
    // The horizontal interpolation is the same for every row: where each column falls between block centres.
    int[] left = new int[w];
    int[] right = new int[w];
    float[] along = new float[w];
    for (int x = 0; x < w; x++) {
      float fx = Math.min(bw - 1, Math.max(0, (x + 0.5f) / block - 0.5f));
      left[x] = Math.min(bw - 1, (int) fx);
      right[x] = Math.min(bw - 1, left[x] + 1);
      along[x] = fx - left[x];
    }
    float[] paper = new float[w * h];
    for (int y = 0; y < h; y++) {
      float fy = Math.min(bh - 1, Math.max(0, (y + 0.5f) / block - 0.5f));
      int y0 = Math.min(bh - 1, (int) fy);
      int y1 = Math.min(bh - 1, y0 + 1);
      float ty = fy - y0;
      for (int x = 0; x < w; x++) {
        int x0 = left[x];
        int x1 = right[x];
        float tx = along[x];
        float top = around[y0 * bw + x0] + tx * (around[y0 * bw + x1] - around[y0 * bw + x0]);
        float bottom = around[y1 * bw + x0] + tx * (around[y1 * bw + x1] - around[y1 * bw + x0]);
        paper[y * w + x] = Math.max(v[y * w + x], top + ty * (bottom - top));
      }
    }
    return paper;
  }

  /**
   * The strongest ink that is more than noise: the maximum of the ink averaged over 3x3 neighbourhoods, so
   * sensor noise (averaged down threefold) and single dark specks do not set the scale, while a stroke two
   * pixels wide keeps most of its strength.
   */
  static float strongest(float[] ink, int w, int h) {
    float best = 0;
    // Inside, every neighbourhood has 9 pixels: keep the largest sum (added in the same order as at the edges) and
    // divide once; division is monotonic, so that is the largest mean.
    float inside = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int a = (y - 1) * w + x;
        int b = a + w;
        int c = b + w;
        float sum = 0;
        sum += ink[a - 1];
        sum += ink[a];
        sum += ink[a + 1];
        sum += ink[b - 1];
        sum += ink[b];
        sum += ink[b + 1];
        sum += ink[c - 1];
        sum += ink[c];
        sum += ink[c + 1];
        inside = Math.max(inside, sum);
      }
    }
    if (w > 2 && h > 2) {
      best = inside / 9;
    }
    for (int y = 0; y < h; y++) {
      boolean edgeRow = y == 0 || y == h - 1;
      for (int x = 0; x < w; x += edgeRow || x == w - 1 ? 1 : w - 1) {
        float sum = 0;
        int n = 0;
        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
          for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
            sum += ink[yy * w + xx];
            n++;
          }
        }
        best = Math.max(best, sum / n);
      }
    }
    return best;
  }

  /** The {@code q} quantile of {@code v} (0 = smallest): the value a sort would put at that rank. */
  public static float percentile(float[] v, float q) {
    return ranks(v, Math.min(v.length - 1, (int) (q * v.length)))[0];
  }

  /**
   * The values of ranks {@code ks} in {@code v}, which stays as it is: the same values as
   * {@link #select} on a copy. Most of an image of digits is paper, whose darkness is 0 once its level is taken
   * away: when no value is below 0, the zeros are counted and only the rest ordered.
   */
  static float[] ranks(float[] v, int... ks) {
    int zeros = 0;
    boolean negative = false;
    for (float x : v) {
      zeros += x == 0 ? 1 : 0;
      negative |= x < 0;
    }
    float[] rest;
    int skipped;
    if (negative) {
      rest = v.clone();
      skipped = 0;
    } else {
      rest = new float[v.length - zeros];
      int n = 0;
      for (float x : v) {
        if (x != 0) {
          rest[n++] = x;
        }
      }
      skipped = zeros;
    }
    float[] out = new float[ks.length];
    for (int i = 0; i < ks.length; i++) {
      out[i] = ks[i] < skipped ? 0 : select(rest, ks[i] - skipped); // select keeps rest a permutation
    }
    return out;
  }

  /**
   * The value of rank {@code k} in {@code a} (reordering it): quickselect, linear time on average, where a full
   * sort of a photo's pixels would cost several times more.
   */
  public static float select(float[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      float pivot = median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          float t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static float median3(float a, float b, float c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
