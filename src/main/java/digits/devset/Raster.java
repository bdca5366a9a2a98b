package digits.devset;

import java.awt.image.BufferedImage;

/** Float darkness maps ({@code [y * w + x]}, 1 = ink): sampling, blur, scaling and conversion to images. */
final class Raster {
  private Raster() {}

  static float bilinear(float[] v, int w, int h, double x, double y) {
    return (float) digits.data.Bilinear.sample(v, w, h, x, y);
  }

  private static float at(float[] v, int w, int h, int x, int y) {
    return x < 0 || y < 0 || x >= w || y >= h ? 0 : v[y * w + x];
  }

  static float[] blur(float[] v, int w, int h, double sigma) {
    int r = (int) Math.ceil(2.5 * sigma);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    float[] tmp = new float[w * h];
    float[] out = new float[w * h];
    for (int pass = 0; pass < 2; pass++) {
      float[] src = pass == 0 ? v : tmp;
      float[] dst = pass == 0 ? tmp : out;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int i = -r; i <= r; i++) {
            s += k[i + r] * (pass == 0 ? at(src, w, h, x + i, y) : at(src, w, h, x, y + i));
          }
          dst[y * w + x] = (float) (s / sum);
        }
      }
    }
    return out;
  }

  /** Area average down, or bilinear up, to {@code tw x th}. */
  static float[] resize(float[] v, int w, int h, int tw, int th) {
    float[] out = new float[tw * th];
    double sx = (double) w / tw;
    double sy = (double) h / th;
    for (int y = 0; y < th; y++) {
      for (int x = 0; x < tw; x++) {
        if (sx > 1 || sy > 1) {
          double s = 0;
          int n = 0;
          for (int yy = (int) (y * sy); yy < Math.max((int) (y * sy) + 1, (int) ((y + 1) * sy)); yy++) {
            for (int xx = (int) (x * sx); xx < Math.max((int) (x * sx) + 1, (int) ((x + 1) * sx)); xx++) {
              s += at(v, w, h, xx, yy);
              n++;
            }
          }
          out[y * tw + x] = (float) (s / n);
        } else {
          out[y * tw + x] = bilinear(v, w, h, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5);
        }
      }
    }
    return out;
  }

  /** Ink dark on white paper, grey. */
  static BufferedImage toImage(float[] v, int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.getRaster().setSample(x, y, 0, 255 - Math.round(Math.min(1, Math.max(0, v[y * w + x])) * 255));
      }
    }
    return image;
  }

  /** Darkness of a grey or colour image drawn black on white (1 = black). */
  static float[] darkness(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = image.getRGB(x, y);
        v[y * w + x] = 1 - ((p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF)) / 765f;
      }
    }
    return v;
  }
}
