package digits.devset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Puts a digit image on paper as a camera or scanner would: paper tone, ink colour, uneven light, ruled or
 * squared paper, sensor noise, slight perspective and blur. Input and output are grey or RGB images; the ink
 * mask is given as darkness in [0, 1] (1 = full ink).
 */
final class Scene {
  /** The perspective moves each corner by up to this share of the picture's width and height. */
  static final double MAX_PERSPECTIVE = 0.08;

  private Scene() {}

  /**
   * The margin to frame a picture {@code size} pixels wide (or tall) with, on either side, so that the perspective
   * (which moves the framed picture's corners by up to {@link #MAX_PERSPECTIVE} of its width and height) keeps all
   * of it in view.
   */
  static int perspectiveMargin(int size) {
    return (int) Math.ceil(MAX_PERSPECTIVE * size / (1 - 2 * MAX_PERSPECTIVE)) + 1;
  }

  /** How to photograph: every field drawn per image by {@link #random}. */
  record Conditions(Color paper, Color ink, double gradient, double gradientAngle, int rules, double ruleSpacing,
      boolean squared, double noise, double perspective, double blur) {
    static Conditions random(SplittableRandom r) {
      Color[] papers = {new Color(250, 250, 248), new Color(244, 238, 214), new Color(236, 240, 248),
          new Color(230, 226, 216), new Color(252, 246, 200), new Color(222, 234, 222)};
      Color[] inks = {new Color(20, 20, 24), new Color(24, 44, 150), new Color(30, 60, 120), new Color(70, 70, 76),
          new Color(120, 30, 30), new Color(10, 80, 50)};
      boolean ruled = r.nextDouble() < 0.5;
      return new Conditions(papers[r.nextInt(papers.length)], inks[r.nextInt(inks.length)],
          r.nextDouble(0.15, 0.55), r.nextDouble(0, 2 * Math.PI), ruled ? 1 : 0, r.nextDouble(0.35, 0.6),
          ruled && r.nextDouble() < 0.4, r.nextDouble(0.01, 0.05), r.nextDouble(0, MAX_PERSPECTIVE),
          r.nextDouble(0, 1.0));
    }
  }

  /**
   * The darkness map {@code ink} ({@code w x h}) photographed under {@code c}. Ruled lines fall every
   * {@code ruleSpacing} of the height, in a light blue or grey.
   */
  static BufferedImage photograph(float[] ink, int w, int h, Conditions c, SplittableRandom r) {
    float[] warped = c.perspective() > 0 ? perspective(ink, w, h, c.perspective(), r) : ink;
    if (c.blur() > 0.3) {
      warped = Raster.blur(warped, w, h, c.blur());
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    double spacing = Math.max(6, c.ruleSpacing() * h);
    double offset = r.nextDouble(0, spacing);
    Color rule = r.nextBoolean() ? new Color(150, 180, 225) : new Color(170, 170, 175);
    double gx = Math.cos(c.gradientAngle());
    double gy = Math.sin(c.gradientAngle());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double[] paper = {c.paper().getRed(), c.paper().getGreen(), c.paper().getBlue()};
        boolean onRule = c.rules() > 0 && ((y + offset) % spacing) < Math.max(1, h / 90.0);
        onRule |= c.squared() && ((x + offset) % spacing) < Math.max(1, h / 90.0);
        if (onRule) {
          paper = new double[] {rule.getRed(), rule.getGreen(), rule.getBlue()};
        }
        double light = 1 - c.gradient() * (0.5 + 0.5 * ((x / (double) w - 0.5) * gx + (y / (double) h - 0.5) * gy));
        double a = warped[y * w + x];
        int rgb = 0;
        double grain = c.noise() * 255 * r.nextGaussian();
        double[] inkRgb = {c.ink().getRed(), c.ink().getGreen(), c.ink().getBlue()};
        for (int k = 0; k < 3; k++) {
          double v = (paper[k] * (1 - a) + inkRgb[k] * a) * light + grain;
          rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, Math.round(v)));
        }
        out.setRGB(x, y, rgb);
      }
    }
    return out;
  }

  /** A random homography close to identity (corners moved by up to {@code amount} of the size). */
  static float[] perspective(float[] ink, int w, int h, double amount, SplittableRandom r) {
    double[] dx = new double[4];
    double[] dy = new double[4];
    for (int i = 0; i < 4; i++) {
      dx[i] = r.nextDouble(-amount, amount) * w;
      dy[i] = r.nextDouble(-amount, amount) * h;
    }
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      double v = y / (double) (h - 1);
      for (int x = 0; x < w; x++) {
        double u = x / (double) (w - 1);
        // Bilinear corner displacement: close to a homography for small moves, and simpler to invert.
        double sx = x + (1 - u) * (1 - v) * dx[0] + u * (1 - v) * dx[1] + (1 - u) * v * dx[2] + u * v * dx[3];
        double sy = y + (1 - u) * (1 - v) * dy[0] + u * (1 - v) * dy[1] + (1 - u) * v * dy[2] + u * v * dy[3];
        out[y * w + x] = Raster.bilinear(ink, w, h, sx, sy);
      }
    }
    return out;
  }
}
