package digits.devset;

import digits.data.Box;
import digits.data.LabeledImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scanned digits of the development set: MNIST's and the USPS envelopes' 28x28 digits, alone or side by side in
 * lines (strings, zip codes), scaled up as scans are, at low resolution, or photographed ({@link Scene}).
 */
final class ScannedDigits {
  private ScannedDigits() {}

  /** A random MNIST digit of class {@code digit}: darkness 28x28. */
  static float[] mnistDigit(LabeledImages data, int digit, SplittableRandom r) {
    int n = data.size();
    int start = r.nextInt(n);
    for (int k = 0; k < n; k++) {
      int i = (start + k) % n;
      if (data.label(i) == digit) {
        float[] v = new float[data.imageSize()];
        for (int p = 0; p < v.length; p++) {
          v[p] = (data.pixels()[i * data.imageSize() + p] & 0xFF) / 255f;
        }
        return v;
      }
    }
    throw new IllegalStateException("no MNIST digit " + digit);
  }

  static BufferedImage lowres(LabeledImages data, int digit, SplittableRandom r) {
    float[] v = mnistDigit(data, digit, r);
    // optdigits-style: the digit's box (with a pixel of margin) averaged to 8x8, 17 grey levels.
    Box box = box(v, 28, 28);
    int side = Math.max(box.width(), box.height()) + 2;
    float[] square = new float[side * side];
    int ox = (side - box.width()) / 2;
    int oy = (side - (box.height())) / 2;
    for (int y = box.y0(); y < box.y1(); y++) {
      for (int x = box.x0(); x < box.x1(); x++) {
        square[(y - box.y0() + oy) * side + x - box.x0() + ox] = v[y * 28 + x];
      }
    }
    float[] small = Raster.resize(square, side, side, 8, 8);
    float max = 0;
    for (float s : small) {
      max = Math.max(max, s);
    }
    for (int i = 0; i < small.length; i++) {
      small[i] = Math.round(16 * small[i] / max) / 16f;
    }
    float[] big = new float[64 * 64];
    boolean smooth = r.nextBoolean();
    float[] up = smooth ? Raster.resize(small, 8, 8, 64, 64) : null;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        big[y * 64 + x] = smooth ? up[y * 64 + x] : small[(y / 8) * 8 + x / 8];
      }
    }
    return Raster.toImage(big, 64, 64);
  }

  /** The box of the ink above 0.1 (empty, at the origin, for a blank image). */
  static Box box(float[] v, int w, int h) {
    Box box = Box.ofInk(v, 0, w, h, 0.1f);
    return box == null ? new Box(0, 0, 0, 0) : box;
  }

  /** MNIST digits side by side (gaps from -3 to 8 pixels at 28x28 scale), scaled up 2 to 3.5 times. */
  static float[] mnistLine(String text, LabeledImages data, SplittableRandom r, int[] dims) {
    boolean tight = r.nextDouble() < 0.35;
    return line(text, data, i -> tight ? r.nextInt(-3, 2) : r.nextInt(1, 9), r, dims);
  }

  /**
   * A zip code of envelope digits as written in an address block: the gaps vary within the code, a share of the
   * codes has touching or overlapping neighbours, and most nine-digit codes (ZIP+4) have a wider gap after their
   * fifth digit.
   */
  static float[] zipLine(String text, LabeledImages data, SplittableRandom r, int[] dims) {
    double style = r.nextDouble();
    boolean split = text.length() == 9 && r.nextDouble() < 0.7;
    return line(text, data, i -> split && i == 5 ? r.nextInt(8, 22)
        : style < 0.3 ? r.nextInt(-3, 2) : style < 0.6 ? r.nextInt(-1, 5) : r.nextInt(1, 10), r, dims);
  }

  /**
   * Digits of {@code data} side by side, the gap before digit {@code i > 0} from {@code gap} (pixels at 28x28
   * scale), scaled up 2 to 3.5 times.
   */
  static float[] line(String text, LabeledImages data, java.util.function.IntUnaryOperator gap,
      SplittableRandom r, int[] dims) {
    List<float[]> crops = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    int width = 6;
    int[] gaps = new int[text.length()];
    for (int i = 0; i < text.length(); i++) {
      float[] v = mnistDigit(data, text.charAt(i) - '0', r);
      Box b = box(v, 28, 28);
      crops.add(v);
      boxes.add(b);
      gaps[i] = i == 0 ? 0 : gap.applyAsInt(i);
      width += (b.width()) + gaps[i];
    }
    int h = 34;
    float[] line = new float[width * h];
    int x = 3;
    for (int i = 0; i < text.length(); i++) {
      Box b = boxes.get(i);
      x += gaps[i];
      int dy = r.nextInt(-2, 3);
      for (int y = b.y0(); y < b.y1(); y++) {
        for (int c = b.x0(); c < b.x1(); c++) {
          int ty = y + 3 + dy;
          int tx = x + c - b.x0();
          if (ty >= 0 && ty < h && tx >= 0 && tx < width) {
            line[ty * width + tx] = Math.max(line[ty * width + tx], crops.get(i)[y * 28 + c]);
          }
        }
      }
      x += b.width();
    }
    double scale = r.nextDouble(2, 3.5);
    int tw = (int) Math.round(width * scale);
    int th = (int) Math.round(h * scale);
    dims[0] = tw;
    dims[1] = th;
    return Raster.resize(line, width, h, tw, th);
  }

  static BufferedImage mnistString(String text, LabeledImages data, SplittableRandom r, boolean photo) {
    int[] dims = new int[2];
    float[] v = mnistLine(text, data, r, dims);
    return photo ? photographed(v, dims, r) : Raster.toImage(v, dims[0], dims[1]);
  }

  /** A line ({@code dims}) photographed, with room for the perspective. */
  static BufferedImage photographed(float[] v, int[] dims, SplittableRandom r) {
    // Room for the perspective, which moves the corners by up to a share of the width and height: a long line's
    // ends and its digits' tops and feet stay in the picture.
    float[] framed = frame(v, dims, Scene.perspectiveMargin(dims[0]), Scene.perspectiveMargin(dims[1]));
    return Scene.photograph(framed, dims[0], dims[1], Scene.Conditions.random(r), r);
  }

  /**
   * Envelope digit {@code i} of {@code data} as a scan: its ink cropped with a margin and scaled up 2 to 4 times
   * (the envelope digits were cut at 16x16), smoothly or in blocks as a scanner's driver would.
   */
  static BufferedImage envelopeDigit(LabeledImages data, int i, SplittableRandom r) {
    float[] v = new float[data.imageSize()];
    for (int p = 0; p < v.length; p++) {
      v[p] = (data.pixels()[i * data.imageSize() + p] & 0xFF) / 255f;
    }
    Box b = box(v, 28, 28);
    int margin = r.nextInt(2, 7);
    int w = b.width() + 2 * margin;
    int h = b.height() + 2 * margin;
    float[] crop = new float[w * h];
    for (int y = b.y0(); y < b.y1(); y++) {
      for (int x = b.x0(); x < b.x1(); x++) {
        crop[(y - b.y0() + margin) * w + x - b.x0() + margin] = v[y * 28 + x];
      }
    }
    double scale = r.nextDouble(2, 4);
    int tw = (int) Math.round(w * scale);
    int th = (int) Math.round(h * scale);
    return Raster.toImage(Raster.resize(crop, w, h, tw, th), tw, th);
  }

  /** {@code v} ({@code dims}) with empty margins around it; {@code dims} becomes the framed size. */
  static float[] frame(float[] v, int[] dims, int padX, int padY) {
    int w = dims[0] + 2 * padX;
    int h = dims[1] + 2 * padY;
    float[] framed = new float[w * h];
    for (int y = 0; y < dims[1]; y++) {
      System.arraycopy(v, y * dims[0], framed, (y + padY) * w + padX, dims[0]);
    }
    dims[0] = w;
    dims[1] = h;
    return framed;
  }
}
