package digits.predict;

import java.awt.image.BufferedImage;

/**
 * A grey image with ink bright on a dark background, as MNIST stores digits: {@code values[y * width + x]} in
 * [0, 1], 0 = background.
 */
public record InkImage(float[] values, int width, int height) {
  public InkImage {
    if (width < 1 || height < 1 || values.length != width * height) {
      throw new IllegalArgumentException("Expected " + width + "x" + height + " values, received " + values.length);
    }
  }

  public float at(int x, int y) {
    return values[y * width + x];
  }

  /**
   * Grey levels of {@code image} (transparent pixels count as white paper), turned so that ink is bright, with
   * the paper's level subtracted and the strongest ink scaled to 1. Dark ink on light paper is detected from
   * the image's border, which is mostly paper in a photo or scan of a digit.
   */
  public static InkImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] grey = new float[w * h];
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      float a = ((p >>> 24) & 0xFF) / 255f;
      float lum = (0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF)) / 255f;
      grey[i] = a * lum + (1 - a); // over white
    }
    float border = borderMedian(grey, w, h);
    boolean darkInk = border > 0.5f;
    float paper = darkInk ? 1 - border : border;
    float max = 0;
    for (int i = 0; i < grey.length; i++) {
      float ink = darkInk ? 1 - grey[i] : grey[i];
      grey[i] = ink;
      max = Math.max(max, ink);
    }
    float range = max - paper;
    for (int i = 0; i < grey.length; i++) {
      grey[i] = range <= 1e-3f ? 0 : Math.max(0, (grey[i] - paper) / range);
    }
    return new InkImage(grey, w, h);
  }

  /** Median of the outermost rows and columns. */
  private static float borderMedian(float[] grey, int w, int h) {
    int n = h == 1 || w == 1 ? w * h : 2 * w + 2 * (h - 2);
    float[] border = new float[n];
    int k = 0;
    for (int x = 0; x < w; x++) {
      border[k++] = grey[x];
      if (h > 1) {
        border[k++] = grey[(h - 1) * w + x];
      }
    }
    for (int y = 1; y < h - 1 && w > 1; y++) {
      border[k++] = grey[y * w];
      border[k++] = grey[y * w + w - 1];
    }
    java.util.Arrays.sort(border, 0, k);
    return border[k / 2];
  }

  /** Otsu's threshold between background and ink, at least {@code floor}. */
  public float threshold(float floor) {
    int bins = 64;
    long[] hist = new long[bins];
    for (float v : values) {
      hist[Math.min(bins - 1, (int) (v * bins))]++;
    }
    long total = values.length;
    double sumAll = 0;
    for (int i = 0; i < bins; i++) {
      sumAll += i * (double) hist[i];
    }
    double best = -1;
    int bestBin = bins / 2;
    long weightBack = 0;
    double sumBack = 0;
    for (int t = 0; t < bins - 1; t++) {
      weightBack += hist[t];
      sumBack += t * (double) hist[t];
      long weightInk = total - weightBack;
      if (weightBack == 0 || weightInk == 0) {
        continue;
      }
      double meanBack = sumBack / weightBack;
      double meanInk = (sumAll - sumBack) / weightInk;
      double between = (double) weightBack * weightInk * (meanBack - meanInk) * (meanBack - meanInk);
      if (between > best) {
        best = between;
        bestBin = t;
      }
    }
    return Math.max(floor, (bestBin + 1) / (float) bins);
  }

  /** A copy of the region {@code [x0, x1) x [y0, y1)}. */
  public InkImage crop(int x0, int y0, int x1, int y1) {
    int w = x1 - x0;
    int h = y1 - y0;
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(values, (y0 + y) * width + x0, v, y * w, w);
    }
    return new InkImage(v, w, h);
  }

  /** The 28x28-style rendering of these values as a grey image, ink dark on white, for debugging. */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = 255 - Math.round(Math.min(1, Math.max(0, at(x, y))) * 255);
        image.getRaster().setSample(x, y, 0, v);
      }
    }
    return image;
  }
}
