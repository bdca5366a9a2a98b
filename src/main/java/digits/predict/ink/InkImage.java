package digits.predict.ink;

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

  /** An opaque pixel's level over white ({@link #overWhite} at alpha 1): looked up, as most pixels are opaque. */
  private static final float[] OPAQUE = new float[256];

  static {
    for (int level = 0; level < OPAQUE.length; level++) {
      OPAQUE[level] = overWhite(1f, level);
    }
  }

  /** A channel's 8-bit {@code level} with opacity {@code a}, over white paper, in [0, 1]. */
  private static float overWhite(float a, int level) {
    return a * level / 255f + (1 - a);
  }

  /** Below this darkness (share of the paper's brightness) nothing counts as ink: paper grain, sensor noise. */
  static final float MIN_CONTRAST = 0.15f;
  /** A stroke's peak is about this much stronger than its 3x3 average ({@link Background#strongest}). */
  static final float CONTRAST_TO_PEAK = 1.25f;
  /** At least this share of an image of digits is paper. */
  static final float PAPER_SHARE = 0.3f;

  /**
   * The ink of a photo or scan, bright on dark: each pixel's darkness relative to the paper around it, in the
   * colour channel where the ink stands out most, with the strongest ink scaled to 1. The paper's brightness is
   * estimated locally (a max filter over a window about an eighth of the image's shorter side), so light
   * gradients and shadows cancel; taking the channel of greatest contrast lets blue ink on yellow paper count as
   * much as black ink on white. Light ink on dark (chalk on a board) is detected from the image's border, which
   * is mostly paper, and turned. Transparent pixels count as white paper. An image without ink darker than
   * {@value #MIN_CONTRAST} of its paper gives all zeros. An image enlarged by repeating pixels (a small scan
   * blown up into blocks) is smoothed back to the strokes it stood for.
   */
  public static InkImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = argb(image);
    // A grey image has one channel worth looking at; a colour one, three.
    boolean grey = true;
    for (int i = 0; i < argb.length && grey; i++) {
      int p = argb[i];
      grey = ((p >> 16) & 0xFF) == (p & 0xFF) && ((p >> 8) & 0xFF) == (p & 0xFF);
    }
    float[][] channels = new float[grey ? 1 : 3][w * h];
    float[] lum = new float[w * h];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int alpha = p >>> 24;
      for (int c = 0; c < channels.length; c++) {
        int level = (p >> (16 - 8 * c)) & 0xFF;
        channels[c][i] = alpha == 0xFF ? OPAQUE[level] : overWhite(alpha / 255f, level);
      }
      lum[i] = grey ? channels[0][i]
          : 0.299f * channels[0][i] + 0.587f * channels[1][i] + 0.114f * channels[2][i];
    }
    boolean lightInk = borderMedian(lum, w, h) < 0.5f;
    float[] ink = new float[w * h];
    for (float[] channel : channels) {
      if (lightInk) {
        for (int i = 0; i < channel.length; i++) {
          channel[i] = 1 - channel[i];
        }
      }
      float[] paper = Background.paper(channel, w, h);
      for (int i = 0; i < ink.length; i++) {
        float dark = (paper[i] - channel[i]) / Math.max(paper[i], 0.05f);
        ink[i] = Math.max(ink[i], dark);
      }
    }
    // The local maximum sits at the top of the paper's noise; most pixels are paper, so a low percentile of the
    // darkness is that noise's level: take it away.
    float floor = Background.percentile(ink, PAPER_SHARE);
    for (int i = 0; i < ink.length; i++) {
      ink[i] = Math.max(0, ink[i] - floor);
    }
    float contrast = Background.strongest(ink, w, h);
    for (int i = 0; i < ink.length; i++) {
      ink[i] = contrast < MIN_CONTRAST ? 0 : Math.min(1, Math.max(0, ink[i] / (CONTRAST_TO_PEAK * contrast)));
    }
    return Resample.unpixelate(new InkImage(ink, w, h), Resample.blockSize(argb, w, h));
  }

  /**
   * The image's pixels as 8-bit ARGB. Grey images give their stored grey levels: {@code getRGB} would treat them
   * as linear light and brighten every mid-tone (a stored 212 would come back as 235), though a grey PNG or TIFF
   * holds its levels encoded for display like any photo's.
   */
  static int[] argb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    var model = image.getColorModel();
    if (model.getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_GRAY) {
      return image.getRGB(0, 0, w, h, null, 0, w);
    }
    var raster = image.getRaster();
    double greyMax = (1 << model.getComponentSize(0)) - 1;
    double alphaMax = model.hasAlpha() ? (1 << model.getComponentSize(1)) - 1 : 1;
    int[] grey = raster.getSamples(0, 0, w, h, 0, (int[]) null);
    int[] alpha = model.hasAlpha() ? raster.getSamples(0, 0, w, h, 1, (int[]) null) : null;
    int[] argb = new int[w * h];
    boolean bytes = greyMax == 255; // levels as stored: 255 * g / 255 is g
    for (int i = 0; i < argb.length; i++) {
      int g = bytes ? grey[i] : (int) Math.round(255 * grey[i] / greyMax);
      int a = alpha != null ? (int) Math.round(255 * alpha[i] / alphaMax) : 255;
      argb[i] = a << 24 | g << 16 | g << 8 | g;
    }
    return argb;
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

  /**
   * The ink level that paper noise (grain, sensor noise, JPEG) does not reach: the median plus {@code sigmas}
   * noise deviations, the deviation estimated from the spread between the median and the 80th percentile (most
   * of an image of digits is paper, so both sit in its noise), at most {@code cap} so that a page mostly covered
   * in ink cannot lift it above real strokes.
   */
  public float noiseCeiling(double sigmas, float cap) {
    float[] ranked = Background.ranks(values, values.length / 2, (int) (0.8 * (values.length - 1)));
    float median = ranked[0];
    float p80 = ranked[1];
    return (float) Math.min(cap, median + sigmas * (p80 - median) / 0.84);
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
