package digits.data;

/**
 * Ranges of the random distortions applied to each training image, drawn anew per image; build one from
 * {@link #NONE} with the {@code with...} methods ({@code NONE.withAffine(10, 0.1, 2).withShear(8)}). Flips are off
 * by default and should stay off for digits: a mirrored 2 is not a 2.
 *
 * @param geometry rotation, zoom, shift and shear ranges
 * @param elastic an elastic distortion (Simard et al. 2003)
 * @param flipHorizontal mirror left-right with probability 1/2 (for datasets where that keeps the class)
 * @param flipVertical mirror top-bottom with probability 1/2
 * @param ink stroke, resolution, blur and contrast distortions applied after the warp
 * @param nonDigits share of training images replaced by images that are not one digit (two or three neighbours
 *     taken as one, a digit with part of its neighbour, part of a digit), labelled as one extra class: the network then
 *     needs one more output than the dataset has classes
 * @param touching share of training images cut out of a line where a neighbour touches them, the way a reader
 *     cuts a line of touching digits: a sliver of the neighbour may stay and a sliver of the digit may go; the
 *     label stays
 */
public record Augmentation(Geometry geometry, Elastic elastic, boolean flipHorizontal, boolean flipVertical,
    InkAugmentation ink, double nonDigits, double touching) {

  /** No distortion: build others from it. */
  public static final Augmentation NONE = new Augmentation(Geometry.NONE, Elastic.NONE, false, false,
      InkAugmentation.NONE, 0, 0);

  /**
   * The affine part of the warp.
   *
   * @param rotationDegrees rotation drawn uniformly from {@code [-r, r]} degrees
   * @param zoom isotropic scale drawn uniformly from {@code [1 - zoom, 1 + zoom]}
   * @param shiftPixels horizontal and vertical shift each drawn uniformly from {@code [-s, s]} pixels
   * @param shearDegrees horizontal shear angle drawn uniformly from {@code [-s, s]} degrees
   */
  public record Geometry(double rotationDegrees, double zoom, double shiftPixels, double shearDegrees) {
    static final Geometry NONE = new Geometry(0, 0, 0, 0);

    public Geometry {
      check("rotation", rotationDegrees, 0, 180);
      check("zoom", zoom, 0, 0.9);
      check("shift", shiftPixels, 0, 100);
      check("shear", shearDegrees, 0, 60);
    }

    boolean enabled() {
      return rotationDegrees > 0 || zoom > 0 || shiftPixels > 0 || shearDegrees > 0;
    }
  }

  /**
   * A smooth random displacement of every pixel.
   *
   * @param alpha strength in pixels; 0 turns it off
   * @param sigma smoothness (Gaussian sigma in pixels) of the displacement field
   */
  public record Elastic(double alpha, double sigma) {
    static final Elastic NONE = new Elastic(0, 4);

    public Elastic {
      check("elastic alpha", alpha, 0, 100);
      check("elastic sigma", sigma, 0.5, 20);
    }
  }

  public Augmentation {
    if (geometry == null || elastic == null || ink == null) {
      throw new IllegalArgumentException("Expected geometry, elastic and ink distortions (their NONE for none), "
          + "received null");
    }
    check("non_digits", nonDigits, 0, 0.5);
    check("touching", touching, 0, 0.5);
  }

  private static void check(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException("Expected " + name + " in [" + min + ", " + max + "], received " + value);
    }
  }

  /** The rotation, zoom and shift ranges, with everything else off. */
  public static Augmentation affine(double rotationDegrees, double zoom, double shiftPixels) {
    return NONE.withAffine(rotationDegrees, zoom, shiftPixels);
  }

  /** This, with these rotation, zoom and shift ranges (the shear stays). */
  public Augmentation withAffine(double rotationDegrees, double zoom, double shiftPixels) {
    return withGeometry(new Geometry(rotationDegrees, zoom, shiftPixels, geometry.shearDegrees()));
  }

  /** This, with this shear range. */
  public Augmentation withShear(double degrees) {
    return withGeometry(new Geometry(geometry.rotationDegrees(), geometry.zoom(), geometry.shiftPixels(), degrees));
  }

  private Augmentation withGeometry(Geometry g) {
    return new Augmentation(g, elastic, flipHorizontal, flipVertical, ink, nonDigits, touching);
  }

  /** This, with this elastic distortion. */
  public Augmentation withElastic(double alpha, double sigma) {
    return new Augmentation(geometry, new Elastic(alpha, sigma), flipHorizontal, flipVertical, ink, nonDigits,
        touching);
  }

  /** This, mirroring as asked (never for digits). */
  public Augmentation withFlips(boolean horizontal, boolean vertical) {
    return new Augmentation(geometry, elastic, horizontal, vertical, ink, nonDigits, touching);
  }

  /** This, with these ink distortions. */
  public Augmentation withInk(InkAugmentation distortions) {
    return new Augmentation(geometry, elastic, flipHorizontal, flipVertical, distortions, nonDigits, touching);
  }

  /** This, with this share of images that are not one digit (the network then needs its non-digit output). */
  public Augmentation withNonDigits(double share) {
    return new Augmentation(geometry, elastic, flipHorizontal, flipVertical, ink, share, touching);
  }

  /** This, with this share of images cut out of a line of touching digits. */
  public Augmentation withTouching(double share) {
    return new Augmentation(geometry, elastic, flipHorizontal, flipVertical, ink, nonDigits, share);
  }

  public boolean enabled() {
    return geometry.enabled() || elastic.alpha() > 0 || flipHorizontal || flipVertical || ink.enabled()
        || nonDigits > 0 || touching > 0;
  }
}
