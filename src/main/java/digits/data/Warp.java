package digits.data;

import java.util.SplittableRandom;

/**
 * Random geometric distortion of images by inverse mapping: each output pixel is read from its source position
 * with bilinear interpolation (zero outside the image), followed by the augmentation's ink distortions
 * ({@link InkDistortion}) when any is on. One instance per thread: it keeps scratch buffers.
 *
 * <p>Forward map about the image centre {@code c}: {@code p' = M (p - c) + c + t}, with
 * {@code M = rotation * shear * zoom} (and a sign flip for mirroring). The warp applies {@code M^-1} to every
 * output pixel, stepping by constant increments along a row.
 */
public final class Warp {
  private static final float SCALE = Pixels.SCALE;

  private final int height;
  private final int width;
  private final Augmentation augmentation;
  private final float[] dx;
  private final float[] dy;
  private final float[] noise;
  private final float[] kernel;
  /** The elastic field is drawn and smoothed on a grid this many times coarser, then upsampled. */
  private final int coarse;
  private final int coarseHeight;
  private final int coarseWidth;
  private final float[] coarseX;
  private final float[] coarseY;
  private final InkDistortion ink;

  public Warp(int height, int width, Augmentation augmentation) {
    this.height = height;
    this.width = width;
    this.augmentation = augmentation;
    boolean elastic = augmentation.elastic().alpha() > 0;
    this.coarse = Math.max(1, (int) Math.floor(augmentation.elastic().sigma() / 2));
    this.coarseHeight = (height + coarse - 1) / coarse + 1;
    this.coarseWidth = (width + coarse - 1) / coarse + 1;
    this.dx = elastic ? new float[height * width] : null;
    this.dy = elastic ? new float[height * width] : null;
    this.coarseX = elastic ? new float[coarseHeight * coarseWidth] : null;
    this.coarseY = elastic ? new float[coarseHeight * coarseWidth] : null;
    this.noise = elastic ? new float[coarseHeight * coarseWidth] : null;
    this.kernel = elastic ? gaussian(augmentation.elastic().sigma() / coarse, 3) : null;
    this.ink = augmentation.ink().enabled() ? new InkDistortion(height, width, augmentation.ink()) : null;
  }

  /** An affine map: {@code [a b; c d]} is the inverse matrix, {@code (tx, ty)} the forward shift. */
  public record Affine(double a, double b, double c, double d, double tx, double ty) {
    public static final Affine IDENTITY = new Affine(1, 0, 0, 1, 0, 0);

    /**
     * The inverse of rotating by {@code degrees} (counter-clockwise on screen), shearing horizontally by
     * {@code shearDegrees}, scaling by {@code zoom}, mirroring as asked, then shifting by {@code (tx, ty)}.
     */
    public static Affine of(double degrees, double zoom, double shearDegrees, double tx, double ty,
        boolean mirrorX, boolean mirrorY) {
      double t = Math.toRadians(degrees);
      double cos = Math.cos(t);
      double sin = Math.sin(t);
      double k = Math.tan(Math.toRadians(shearDegrees));
      double sx = zoom * (mirrorX ? -1 : 1);
      double sy = zoom * (mirrorY ? -1 : 1);
      // Forward M = R * Sh * S with R = [cos sin; -sin cos] (y points down), Sh = [1 k; 0 1], S = diag(sx, sy).
      double m00 = cos * sx;
      double m01 = (cos * k + sin) * sy;
      double m10 = -sin * sx;
      double m11 = (-sin * k + cos) * sy;
      double det = m00 * m11 - m01 * m10;
      return new Affine(m11 / det, -m01 / det, -m10 / det, m00 / det, tx, ty);
    }
  }

  /** Draws one random distortion within the ranges of the augmentation. */
  public Affine sample(SplittableRandom random) {
    Augmentation g = augmentation;
    return Affine.of(
        uniform(random, g.geometry().rotationDegrees()),
        1 + uniform(random, g.geometry().zoom()),
        uniform(random, g.geometry().shearDegrees()),
        uniform(random, g.geometry().shiftPixels()),
        uniform(random, g.geometry().shiftPixels()),
        g.flipHorizontal() && random.nextBoolean(),
        g.flipVertical() && random.nextBoolean());
  }

  private static double uniform(SplittableRandom random, double range) {
    return range == 0 ? 0 : random.nextDouble(-range, range);
  }

  /**
   * Writes a randomly distorted copy of image {@code src[srcOffset ...]} (unsigned bytes) into
   * {@code dst[dstOffset ...]} as floats in [0, 1].
   */
  public void apply(byte[] src, int srcOffset, float[] dst, int dstOffset, SplittableRandom random) {
    Affine affine = sample(random);
    if (dx != null) {
      elasticField(random);
    }
    apply(affine, src, srcOffset, dst, dstOffset);
    if (ink != null) {
      ink.apply(dst, dstOffset, random);
    }
  }

  /** Writes {@code src} mapped through {@code affine} (and the current elastic field, if any) into {@code dst}. */
  public void apply(Affine m, byte[] src, int srcOffset, float[] dst, int dstOffset) {
    float cx = (width - 1) / 2f;
    float cy = (height - 1) / 2f;
    float a = (float) m.a();
    float b = (float) m.b();
    float c = (float) m.c();
    float d = (float) m.d();
    for (int y = 0; y < height; y++) {
      float ry = y - cy - (float) m.ty();
      float rx = -cx - (float) m.tx();
      float sx = a * rx + b * ry + cx;
      float sy = c * rx + d * ry + cy;
      int row = dstOffset + y * width;
      if (dx == null) {
        for (int x = 0; x < width; x++, sx += a, sy += c) {
          dst[row + x] = sample(src, srcOffset, sx, sy);
        }
      } else {
        for (int x = 0; x < width; x++, sx += a, sy += c) {
          int i = y * width + x;
          dst[row + x] = sample(src, srcOffset, sx + a * dx[i] + b * dy[i], sy + c * dx[i] + d * dy[i]);
        }
      }
    }
  }

  /** Bilinear read at (x, y) in pixel units, zero outside the image, scaled to [0, 1]. */
  private float sample(byte[] src, int off, float x, float y) {
    if (!(x > -1 && y > -1 && x < width && y < height)) {
      return 0;
    }
    int x0 = (int) (x + 1) - 1; // floor, since x > -1
    int y0 = (int) (y + 1) - 1;
    float fx = x - x0;
    float fy = y - y0;
    float p00;
    float p01;
    float p10;
    float p11;
    if (x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1) {
      int i = off + y0 * width + x0;
      p00 = src[i] & 0xFF;
      p01 = src[i + 1] & 0xFF;
      p10 = src[i + width] & 0xFF;
      p11 = src[i + width + 1] & 0xFF;
    } else {
      p00 = pixel(src, off, x0, y0);
      p01 = pixel(src, off, x0 + 1, y0);
      p10 = pixel(src, off, x0, y0 + 1);
      p11 = pixel(src, off, x0 + 1, y0 + 1);
    }
    float top = p00 + fx * (p01 - p00);
    float bottom = p10 + fx * (p11 - p10);
    return (top + fy * (bottom - top)) * SCALE;
  }

  private float pixel(byte[] src, int off, int x, int y) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0 : src[off + y * width + x] & 0xFF;
  }

  /**
   * Fills dx, dy with uniform noise in [-1, 1] smoothed by a Gaussian and scaled by alpha (Simard et al.). The
   * noise is drawn and blurred on a grid {@code coarse} times coarser (sigma / coarse there) and upsampled
   * bilinearly, scaled by {@code 1 / coarse} so the field's strength matches the full-resolution recipe: the
   * field is smooth at that scale, and this costs a fraction of blurring every pixel.
   */
  private void elasticField(SplittableRandom random) {
    float alpha = (float) augmentation.elastic().alpha() / coarse;
    for (int f = 0; f < 2; f++) {
      float[] grid = f == 0 ? coarseX : coarseY;
      float[] field = f == 0 ? dx : dy;
      for (int i = 0; i < grid.length; i++) {
        grid[i] = (float) random.nextDouble(-1, 1);
      }
      blur(grid);
      for (int y = 0; y < height; y++) {
        float gy = (float) y / coarse;
        int y0 = (int) gy;
        float ty = gy - y0;
        for (int x = 0; x < width; x++) {
          float gx = (float) x / coarse;
          int x0 = (int) gx;
          float tx = gx - x0;
          int i = y0 * coarseWidth + x0;
          float top = grid[i] + tx * (grid[i + 1] - grid[i]);
          float bottom = grid[i + coarseWidth] + tx * (grid[i + coarseWidth + 1] - grid[i + coarseWidth]);
          field[y * width + x] = alpha * (top + ty * (bottom - top));
        }
      }
    }
  }

  /** Separable Gaussian blur of a coarse grid in place, zero padding. */
  private void blur(float[] grid) {
    int r = kernel.length / 2;
    int h = coarseHeight;
    int w = coarseWidth;
    for (int pass = 0; pass < 2; pass++) {
      boolean rows = pass == 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float sum = 0;
          for (int k = -r; k <= r; k++) {
            int xx = rows ? x + k : x;
            int yy = rows ? y : y + k;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
              sum += kernel[k + r] * grid[yy * w + xx];
            }
          }
          noise[y * w + x] = sum;
        }
      }
      System.arraycopy(noise, 0, grid, 0, grid.length);
    }
  }

  /** A normalized Gaussian kernel reaching {@code reach} sigmas to each side. */
  static float[] gaussian(double sigma, double reach) {
    int r = (int) Math.ceil(reach * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return k;
  }
}
