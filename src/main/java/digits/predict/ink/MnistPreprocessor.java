package digits.predict.ink;

import java.util.List;

/**
 * Prepares a picture of one digit the way MNIST's makers prepared theirs, so that a model trained on MNIST sees
 * what it expects:
 *
 * <ol>
 *   <li>grey levels, ink bright on dark (dark ink on light paper is detected and inverted; see
 *       {@link InkImage#of});</li>
 *   <li>light noise suppression: pixels above Otsu's threshold form connected components, and components
 *       smaller than {@value #SPECK_FRACTION} of the largest one (specks, dust) are erased;</li>
 *   <li>crop to the bounding box of the remaining ink;</li>
 *   <li>scale so that the longer side is {@value #BOX} pixels, keeping the aspect ratio, with area-weighted
 *       (anti-aliased) resampling;</li>
 *   <li>paste into a {@value #SIZE}x{@value #SIZE} field so that the ink's centre of mass falls on the field's
 *       centre (sub-pixel, bilinear).</li>
 * </ol>
 *
 * Output: {@code [28 * 28]} float32 in [0, 1], 1 = ink, the model's input for one image.
 */
public final class MnistPreprocessor {
  public static final int SIZE = 28;
  public static final int BOX = 20;
  /** Components smaller than this share of the largest are treated as noise. */
  public static final double SPECK_FRACTION = 0.02;
  /** The threshold never drops below this, so a blank image does not turn its noise into ink. */
  public static final float MIN_THRESHOLD = 0.2f;

  private MnistPreprocessor() {}

  /** The 28x28 input for {@code ink}; throws {@link IllegalArgumentException} when there is no ink at all. */
  public static float[] prepare(InkImage ink) {
    float t = ink.threshold(MIN_THRESHOLD);
    boolean[] mask = new boolean[ink.values().length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = ink.values()[i] > t;
    }
    List<Components.Component> parts = Components.of(mask, ink.width(), ink.height());
    int largest = parts.stream().mapToInt(Components.Component::area).max()
        .orElseThrow(() -> new UnreadableImageException("no digit found: the image has no ink"));
    float[] clean = ink.values().clone();
    int x0 = ink.width();
    int y0 = ink.height();
    int x1 = 0;
    int y1 = 0;
    for (Components.Component c : parts) {
      if (c.area() < SPECK_FRACTION * largest) {
        for (int p : c.pixels()) {
          erase(clean, ink.width(), ink.height(), p);
        }
      } else {
        x0 = Math.min(x0, c.x0());
        y0 = Math.min(y0, c.y0());
        x1 = Math.max(x1, c.x1());
        y1 = Math.max(y1, c.y1());
      }
    }
    // Keep the anti-aliased rim just outside the thresholded box.
    x0 = Math.max(0, x0 - 1);
    y0 = Math.max(0, y0 - 1);
    x1 = Math.min(ink.width(), x1 + 1);
    y1 = Math.min(ink.height(), y1 + 1);
    InkImage box = new InkImage(clean, ink.width(), ink.height()).crop(x0, y0, x1, y1);
    return center(scaleToBox(box));
  }

  /** Erases a noise pixel and its faint neighbours (the speck's anti-aliased rim). */
  private static void erase(float[] v, int w, int h, int p) {
    int px = p % w;
    int py = p / w;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int x = px + dx;
        int y = py + dy;
        if (x >= 0 && y >= 0 && x < w && y < h) {
          v[y * w + x] = 0;
        }
      }
    }
  }

  /** Longer side to {@value #BOX} pixels, aspect ratio kept. */
  static InkImage scaleToBox(InkImage in) {
    double scale = (double) BOX / Math.max(in.width(), in.height());
    int w = Math.max(1, (int) Math.round(in.width() * scale));
    int h = Math.max(1, (int) Math.round(in.height() * scale));
    InkImage out = Resample.area(in, w, h);
    // Resampling averages, which dims thin strokes; restore the strongest ink to 1 as in MNIST's scans.
    float max = 0;
    for (float v : out.values()) {
      max = Math.max(max, v);
    }
    if (max > 0) {
      for (int i = 0; i < out.values().length; i++) {
        out.values()[i] = Math.min(1f, out.values()[i] / max);
      }
    }
    return out;
  }

  /** Pastes {@code in} into a 28x28 field with its centre of mass at (13.5, 13.5). */
  static float[] center(InkImage in) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < in.height(); y++) {
      for (int x = 0; x < in.width(); x++) {
        double v = in.at(x, y);
        mass += v;
        mx += v * x;
        my += v * y;
      }
    }
    double cx = mass == 0 ? (in.width() - 1) / 2.0 : mx / mass;
    double cy = mass == 0 ? (in.height() - 1) / 2.0 : my / mass;
    // Sub-pixel placement (bilinear), so the centre of mass lands on the centre, not just the nearest pixel.
    double ox = (SIZE - 1) / 2.0 - cx;
    double oy = (SIZE - 1) / 2.0 - cy;
    float[] out = new float[SIZE * SIZE];
    for (int ty = 0; ty < SIZE; ty++) {
      for (int tx = 0; tx < SIZE; tx++) {
        out[ty * SIZE + tx] = (float) digits.data.Bilinear.sample(in.values(), in.width(), in.height(), tx - ox,
            ty - oy);
      }
    }
    return out;
  }

}
