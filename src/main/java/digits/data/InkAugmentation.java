package digits.data;

/**
 * How often each ink-level distortion is applied to a training image, after the geometric warp: the ways a
 * person's pen, scanner or camera make a digit differ from MNIST's. Each is a probability in [0, 1], drawn anew
 * per image; all zero (the default) leaves the images as the warp made them.
 *
 * @param thickness grey-level dilation or erosion (a 3x3 max or min, blended): thicker or thinner strokes
 * @param breaks a small gap cut into the stroke (one to three of them): broken strokes, a pen that skips
 * @param lowResolution a round trip through 9 to 16 pixels a side (area average down, bilinear up): low-resolution
 *     scans, small digits in a photo
 * @param blur a Gaussian blur (sigma 0.5 to 1.3 pixels): out-of-focus photos, soft pencil
 * @param contrast ink level 0.7 to 1, stroke profile (gamma 0.6 to 1.6) and sensor noise: faint ink, uneven
 *     pressure, noisy photos
 */
public record InkAugmentation(double thickness, double breaks, double lowResolution, double blur,
    double contrast) {
  public static final InkAugmentation NONE = new InkAugmentation(0, 0, 0, 0, 0);

  public InkAugmentation {
    check("thickness", thickness);
    check("breaks", breaks);
    check("low_res", lowResolution);
    check("blur", blur);
    check("contrast", contrast);
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Expected " + name + " as a probability in [0, 1], received " + p);
    }
  }

  public boolean enabled() {
    return thickness > 0 || breaks > 0 || lowResolution > 0 || blur > 0 || contrast > 0;
  }
}
