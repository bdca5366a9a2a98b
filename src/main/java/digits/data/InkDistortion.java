package digits.data;

import java.util.SplittableRandom;

/**
 * Applies {@link InkAugmentation}'s distortions to one image of floats in [0, 1] (1 = ink), in place. Each
 * distortion is drawn with its probability from the caller's random, in a fixed order, so the same random gives
 * the same image. Results are renormalized so the strongest ink is 1 again, as the reading preprocessor does with
 * people's images. One instance per thread: it keeps scratch buffers.
 */
public final class InkDistortion {
  private final int height;
  private final int width;
  private final InkAugmentation ink;
  private final float[] scratch;
  private final float[] small;

  public InkDistortion(int height, int width, InkAugmentation ink) {
    this.height = height;
    this.width = width;
    this.ink = ink;
    this.scratch = new float[height * width];
    this.small = new float[height * width];
  }

  /** Distorts {@code image[offset ... offset + height * width)} in place. */
  public void apply(float[] image, int offset, SplittableRandom random) {
    if (draw(random, ink.thickness())) {
      thickness(image, offset, random.nextBoolean(), random.nextDouble(0.5, 1), random.nextBoolean());
    }
    if (draw(random, ink.breaks())) {
      int gaps = 1 + random.nextInt(3);
      for (int i = 0; i < gaps; i++) {
        gap(image, offset, random);
      }
    }
    if (draw(random, ink.lowResolution())) {
      roundTrip(image, offset, 9 + random.nextInt(8));
    }
    if (draw(random, ink.blur())) {
      blur(image, offset, random.nextDouble(0.5, 1.3));
    }
    if (draw(random, ink.contrast())) {
      contrast(image, offset, random.nextDouble(0.7, 1), Math.exp(random.nextDouble(Math.log(0.6), Math.log(1.6))),
          random.nextDouble(0, 0.06), random);
    }
  }

  private static boolean draw(SplittableRandom random, double p) {
    return p > 0 && random.nextDouble() < p;
  }

  /** Grey-level dilation ({@code thicker}) or erosion over a 3x3 square or cross, blended by {@code amount}. */
  void thickness(float[] x, int off, boolean thicker, double amount, boolean square) {
    for (int y = 0; y < height; y++) {
      for (int c = 0; c < width; c++) {
        float v = x[off + y * width + c];
        float m = v;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            if ((dx != 0 && dy != 0 && !square) || (dx == 0 && dy == 0)) {
              continue;
            }
            int yy = y + dy;
            int xx = c + dx;
            float n = yy < 0 || xx < 0 || yy >= height || xx >= width ? 0 : x[off + yy * width + xx];
            m = thicker ? Math.max(m, n) : Math.min(m, n);
          }
        }
        scratch[y * width + c] = (float) (v + amount * (m - v));
      }
    }
    System.arraycopy(scratch, 0, x, off, scratch.length);
    normalize(x, off);
  }

  /** Erases a disc (radius 1 to 1.8 pixels) centred on a random strong ink pixel: a gap in the stroke. */
  void gap(float[] x, int off, SplittableRandom random) {
    int strong = 0;
    for (int i = 0; i < height * width; i++) {
      if (x[off + i] > 0.5f) {
        strong++;
      }
    }
    if (strong == 0) {
      return;
    }
    int pick = random.nextInt(strong);
    double r = random.nextDouble(1, 1.8);
    int centre = -1;
    for (int i = 0; i < height * width && centre < 0; i++) {
      if (x[off + i] > 0.5f && pick-- == 0) {
        centre = i;
      }
    }
    int cy = centre / width;
    int cx = centre % width;
    int reach = (int) Math.ceil(r);
    for (int y = Math.max(0, cy - reach); y <= Math.min(height - 1, cy + reach); y++) {
      for (int c = Math.max(0, cx - reach); c <= Math.min(width - 1, cx + reach); c++) {
        double d = Math.hypot(y - cy, c - cx);
        if (d <= r) {
          x[off + y * width + c] *= (float) Math.min(1, Math.max(0, d - r + 1) * 0.5);
        }
      }
    }
  }

  /** Area average down to {@code side} x {@code side}, bilinear back up. */
  void roundTrip(float[] x, int off, int side) {
    double sy = (double) height / side;
    double sx = (double) width / side;
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        double sum = 0;
        double weight = 0;
        for (int y = (int) Math.floor(j * sy); y < Math.min(height, Math.ceil((j + 1) * sy)); y++) {
          double wy = Math.min(y + 1, (j + 1) * sy) - Math.max(y, j * sy);
          for (int c = (int) Math.floor(i * sx); c < Math.min(width, Math.ceil((i + 1) * sx)); c++) {
            double w = wy * (Math.min(c + 1, (i + 1) * sx) - Math.max(c, i * sx));
            sum += w * x[off + y * width + c];
            weight += w;
          }
        }
        small[j * side + i] = (float) (sum / weight);
      }
    }
    for (int y = 0; y < height; y++) {
      double fy = Math.min(side - 1, Math.max(0, (y + 0.5) / sy - 0.5));
      int y0 = Math.min(side - 2, (int) fy);
      double ty = fy - y0;
      for (int c = 0; c < width; c++) {
        double fx = Math.min(side - 1, Math.max(0, (c + 0.5) / sx - 0.5));
        int x0 = Math.min(side - 2, (int) fx);
        double tx = fx - x0;
        double top = small[y0 * side + x0] * (1 - tx) + small[y0 * side + x0 + 1] * tx;
        double bottom = small[(y0 + 1) * side + x0] * (1 - tx) + small[(y0 + 1) * side + x0 + 1] * tx;
        x[off + y * width + c] = (float) (top * (1 - ty) + bottom * ty);
      }
    }
    normalize(x, off);
  }

  /** Separable Gaussian blur, zero outside the image. */
  void blur(float[] x, int off, double sigma) {
    float[] k = Warp.gaussian(sigma, 2.5);
    int r = k.length / 2;
    for (int y = 0; y < height; y++) {
      for (int c = 0; c < width; c++) {
        float s = 0;
        for (int i = -r; i <= r; i++) {
          int xx = c + i;
          if (xx >= 0 && xx < width) {
            s += k[i + r] * x[off + y * width + xx];
          }
        }
        scratch[y * width + c] = s;
      }
    }
    for (int y = 0; y < height; y++) {
      for (int c = 0; c < width; c++) {
        float s = 0;
        for (int i = -r; i <= r; i++) {
          int yy = y + i;
          if (yy >= 0 && yy < height) {
            s += k[i + r] * scratch[yy * width + c];
          }
        }
        x[off + y * width + c] = s;
      }
    }
    normalize(x, off);
  }

  /** {@code level * v^gamma} plus Gaussian noise of {@code noise} standard deviation, clipped to [0, 1]. */
  void contrast(float[] x, int off, double level, double gamma, double noise, SplittableRandom random) {
    for (int i = 0; i < height * width; i++) {
      double v = level * Math.pow(Math.max(0, x[off + i]), gamma);
      if (noise > 0) {
        v += noise * gaussian(random);
      }
      x[off + i] = (float) Math.min(1, Math.max(0, v));
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble(1e-12, 1);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Strongest ink back to 1; an image with next to no ink (a digit warped out of the frame) is left alone. */
  private void normalize(float[] x, int off) {
    float max = 0;
    for (int i = 0; i < height * width; i++) {
      max = Math.max(max, x[off + i]);
    }
    if (max > 0.05f && max != 1) {
      float s = 1 / max;
      for (int i = 0; i < height * width; i++) {
        x[off + i] = Math.min(1, x[off + i] * s);
      }
    }
  }
}
