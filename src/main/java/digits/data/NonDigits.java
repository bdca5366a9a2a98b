package digits.data;

import java.util.SplittableRandom;

/**
 * Training images that are not one digit, labelled as a class of their own, so that a model reading a line of
 * digits can say when a candidate piece of ink is not one digit. They are what a wrong grouping of a line hands
 * the model: two or three neighbouring digits taken as one, a digit with part of its neighbour, part of a digit.
 * Each is made from the batch's own (already augmented) digits, scaled and centred the way a piece of a line is
 * before it reaches the model (longest side 20/28 of the field, centre of mass in the middle).
 */
final class NonDigits {
  /** The share of the field's side that a digit's longer side fills, as in MNIST. */
  private static final double BOX = 20.0 / 28.0;
  /** Pixels above this value are a digit's ink when finding its box. */
  private static final float INK = 0.1f;

  private final int height;
  private final int width;

  NonDigits(int height, int width) {
    this.height = height;
    this.width = width;
  }

  /**
   * Replaces each image of a batch with probability {@code share} by a non-digit made from it and another image
   * of the batch, labelled {@code label}. Images are {@code [n, height, width]} in [0, 1] (1 = ink).
   */
  void replace(float[] images, int[] labels, int n, double share, int label, SplittableRandom random) {
    if (n < 2) {
      return;
    }
    int pixels = height * width;
    float[] digits = images.clone();
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() >= share) {
        continue;
      }
      int j = (i + 1 + random.nextInt(n - 1)) % n;
      int k = (j + 1 + random.nextInt(n - 1)) % n;
      float[] canvas = switch (random.nextInt(4)) {
        case 0 -> pair(digits, i * pixels, digits, j * pixels, 1, random);
        case 1 -> pair(digits, i * pixels, digits, j * pixels, random.nextDouble(0.25, 0.6), random);
        case 2 -> triple(digits, new int[] {i * pixels, j * pixels, k * pixels}, random);
        default -> fragment(digits, i * pixels, random);
      };
      if (canvas != null) {
        fit(canvas, images, i * pixels);
        labels[i] = label;
      }
    }
  }

  /**
   * Replaces each image of a batch with probability {@code share} by the same digit cut out of a line where
   * another image of the batch touches or overlaps it, its label kept: what a reader hands the model for a digit of
   * a line of touching digits. Skipped when {@code share} is 0 (the random stream is then left untouched).
   */
  void cutFromLine(float[] images, int[] labels, int n, double share, SplittableRandom random) {
    if (n < 2 || share <= 0) {
      return;
    }
    int pixels = height * width;
    float[] digits = images.clone();
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() >= share) {
        continue;
      }
      int j = (i + 1 + random.nextInt(n - 1)) % n;
      float[] canvas = cut(digits, i * pixels, j * pixels, random);
      if (canvas != null) {
        fit(canvas, images, i * pixels);
      }
    }
  }

  /**
   * Digit {@code a} with digit {@code b} beside it (on either side, from overlapping by a quarter of a digit to
   * touching), cut at a column near where they meet (within 15% of {@code a}'s width): a sliver of {@code b}
   * stays on one side, or a sliver of {@code a} is lost. Returns {@code {w, h, pixels...}} cropped to its ink, or
   * null.
   */
  private float[] cut(float[] src, int a, int b, SplittableRandom random) {
    Box boxA = box(src, a);
    Box boxB = box(src, b);
    if (boxA == null || boxB == null) {
      return null;
    }
    int wa = boxA.width();
    int wb = boxB.width();
    int gap = (int) Math.round(random.nextDouble(-0.25, 0.02) * Math.max(wa, wb));
    int w = wa + wb + gap;
    int h = Math.max(boxA.height(), boxB.height());
    if (w < 2 || h < 2 || wa < 3) {
      return null;
    }
    boolean right = random.nextBoolean(); // the neighbour's side
    float[] canvas = new float[2 + w * h];
    canvas[0] = w;
    canvas[1] = h;
    int xa = right ? 0 : wb + gap;
    paste(src, a, boxA, canvas, xa, (h - boxA.height()) / 2);
    paste(src, b, boxB, canvas, right ? wa + gap : 0, (h - boxB.height()) / 2);
    double meet = (right ? wa : wb) + Math.min(0, gap) / 2.0;
    int at = (int) Math.round(meet + random.nextDouble(-0.15, 0.15) * wa);
    return right ? crop(canvas, 0, Math.max(xa + wa / 2 + 1, Math.min(w, at)))
        : crop(canvas, Math.max(0, Math.min(xa + wa / 2, at)), w);
  }

  /** Columns {@code [x0, x1)} of the canvas, cut to the box of their ink; or null when they hold none. */
  private static float[] crop(float[] canvas, int x0, int x1) {
    int w = (int) canvas[0];
    int h = (int) canvas[1];
    int bx0 = Integer.MAX_VALUE;
    int by0 = Integer.MAX_VALUE;
    int bx1 = -1;
    int by1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = x0; x < x1; x++) {
        if (canvas[2 + y * w + x] > INK) {
          bx0 = Math.min(bx0, x);
          by0 = Math.min(by0, y);
          bx1 = Math.max(bx1, x + 1);
          by1 = Math.max(by1, y + 1);
        }
      }
    }
    if (bx1 < 0) {
      return null;
    }
    int cw = bx1 - bx0;
    int ch = by1 - by0;
    float[] out = new float[2 + cw * ch];
    out[0] = cw;
    out[1] = ch;
    for (int y = 0; y < ch; y++) {
      System.arraycopy(canvas, 2 + (by0 + y) * w + bx0, out, 2 + y * cw, cw);
    }
    return out;
  }

  /**
   * Digit {@code a} with the near part ({@code keep} of its width) of digit {@code b} beside it, on either side,
   * from overlapping by a quarter of a digit to a gap of a tenth. Returns {@code {w, h, pixels...}} or null.
   */
  private float[] pair(float[] src, int a, float[] src2, int b, double keep, SplittableRandom random) {
    Box boxA = box(src, a);
    Box boxB = box(src2, b);
    if (boxA == null || boxB == null) {
      return null;
    }
    boolean right = random.nextBoolean();
    int wb = boxB.width();
    int kept = Math.max(1, (int) Math.round(keep * wb));
    if (right) {
      boxB = boxB.columns(boxB.x0(), boxB.x0() + kept);
    } else {
      boxB = boxB.columns(boxB.x1() - kept, boxB.x1());
    }
    int wa = boxA.width();
    int gap = (int) Math.round(random.nextDouble(-0.25, 0.1) * Math.max(wa, wb));
    int w = wa + kept + gap;
    int h = Math.max(boxA.height(), boxB.height());
    if (w < 2 || h < 2) {
      return null;
    }
    float[] canvas = new float[2 + w * h];
    canvas[0] = w;
    canvas[1] = h;
    int left = right ? 0 : kept + gap;
    paste(src, a, boxA, canvas, left, (h - boxA.height()) / 2);
    paste(src2, b, boxB, canvas, right ? wa + gap : 0, (h - boxB.height()) / 2);
    return canvas;
  }

  /** Three digits side by side, each gap from an overlap of a quarter of a digit to a tenth; or null. */
  private float[] triple(float[] src, int[] offsets, SplittableRandom random) {
    Box[] boxes = new Box[3];
    int w = 0;
    int h = 0;
    int[] x = new int[3];
    for (int d = 0; d < 3; d++) {
      boxes[d] = box(src, offsets[d]);
      if (boxes[d] == null) {
        return null;
      }
      int wd = boxes[d].width();
      int gap = d == 0 ? 0 : (int) Math.round(random.nextDouble(-0.25, 0.1) * wd);
      x[d] = Math.max(0, w + gap);
      w = x[d] + wd;
      h = Math.max(h, boxes[d].height());
    }
    float[] canvas = new float[2 + w * h];
    canvas[0] = w;
    canvas[1] = h;
    for (int d = 0; d < 3; d++) {
      paste(src, offsets[d], boxes[d], canvas, x[d], (h - boxes[d].height()) / 2);
    }
    return canvas;
  }

  /** The left or right 30 to 60% of a digit, when that is wider than a third of its height; else null. */
  private float[] fragment(float[] src, int a, SplittableRandom random) {
    Box box = box(src, a);
    if (box == null) {
      return null;
    }
    int kept = Math.max(1, (int) Math.round(random.nextDouble(0.3, 0.6) * box.width()));
    if (3 * kept < box.height()) {
      return null; // a sliver: it could be a 1
    }
    if (random.nextBoolean()) {
      box = box.columns(box.x0(), box.x0() + kept);
    } else {
      box = box.columns(box.x1() - kept, box.x1());
    }
    float[] canvas = new float[2 + kept * (box.height())];
    canvas[0] = kept;
    canvas[1] = box.height();
    paste(src, a, box, canvas, 0, 0);
    return canvas;
  }

  /** The box of the ink of the image at {@code off}, or null when it has none. */
  private Box box(float[] src, int off) {
    return Box.ofInk(src, off, width, height, INK);
  }

  /** Draws the box of the image at {@code off} into the canvas at {@code (cx, cy)}, keeping the darker ink. */
  private void paste(float[] src, int off, Box box, float[] canvas, int cx, int cy) {
    int w = (int) canvas[0];
    int h = (int) canvas[1];
    for (int y = box.y0(); y < box.y1(); y++) {
      for (int x = box.x0(); x < box.x1(); x++) {
        int tx = cx + x - box.x0();
        int ty = cy + y - box.y0();
        if (tx >= 0 && ty >= 0 && tx < w && ty < h) {
          int t = 2 + ty * w + tx;
          canvas[t] = Math.max(canvas[t], src[off + y * width + x]);
        }
      }
    }
  }

  /**
   * Scales the canvas so its longer side fills {@link #BOX} of the field (2x2 samples per pixel, bilinear) and
   * writes it into the image at {@code off} with its centre of mass in the middle.
   */
  private void fit(float[] canvas, float[] images, int off) {
    int w = (int) canvas[0];
    int h = (int) canvas[1];
    double scale = BOX * Math.min(width, height) / Math.max(w, h);
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = canvas[2 + y * w + x];
        mass += v;
        mx += v * (x + 0.5);
        my += v * (y + 0.5);
      }
    }
    // canvas point (u, v) lands at field point (u - cx) * scale + width / 2
    double cx = mass == 0 ? w / 2.0 : mx / mass;
    double cy = mass == 0 ? h / 2.0 : my / mass;
    for (int ty = 0; ty < height; ty++) {
      for (int tx = 0; tx < width; tx++) {
        double sum = 0;
        for (int s = 0; s < 4; s++) {
          double u = (tx + 0.25 + 0.5 * (s & 1) - width / 2.0) / scale + cx - 0.5;
          double v = (ty + 0.25 + 0.5 * (s >> 1) - height / 2.0) / scale + cy - 0.5;
          sum += Bilinear.sample(canvas, 2, w, h, u, v);
        }
        images[off + ty * width + tx] = (float) Math.min(1, sum / 4);
      }
    }
  }
}
