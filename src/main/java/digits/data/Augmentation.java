package digits.data;

/**
 * Ranges of the random distortions applied to each training image, drawn anew per image. All zero means no
 * augmentation. Flips are off by default and should stay off for digits: a mirrored 2 is not a 2.
 *
 * @param rotationDegrees rotation drawn uniformly from {@code [-r, r]} degrees
 * @param zoom isotropic scale drawn uniformly from {@code [1 - zoom, 1 + zoom]}
 * @param shiftPixels horizontal and vertical shift each drawn uniformly from {@code [-s, s]} pixels
 * @param shearDegrees horizontal shear angle drawn uniformly from {@code [-s, s]} degrees
 * @param elasticAlpha strength in pixels of an elastic distortion (Simard et al. 2003); 0 turns it off
 * @param elasticSigma smoothness (Gaussian sigma in pixels) of the elastic displacement field
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
public record Augmentation(double rotationDegrees, double zoom, double shiftPixels, double shearDegrees,
    double elasticAlpha, double elasticSigma, boolean flipHorizontal, boolean flipVertical, InkAugmentation ink,
    double nonDigits, double touching) {

  /** No distortion: build others from it ({@code NONE.affine(10, 0.1, 2).withShear(8)}). */
  public static final Augmentation NONE = new Augmentation(0, 0, 0, 0, 0, 4, false, false, InkAugmentation.NONE, 0,
      0);

  public Augmentation {
    if (ink == null) {
      throw new IllegalArgumentException("Expected ink distortions (InkAugmentation.NONE for none), received null");
    }
    check("rotation", rotationDegrees, 0, 180);
    check("zoom", zoom, 0, 0.9);
    check("shift", shiftPixels, 0, 100);
    check("shear", shearDegrees, 0, 60);
    check("elastic alpha", elasticAlpha, 0, 100);
    check("elastic sigma", elasticSigma, 0.5, 20);
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

  /** This, with these rotation, zoom and shift ranges. */
  public Augmentation withAffine(double rotationDegrees, double zoom, double shiftPixels) {
    return new Augmentation(rotationDegrees, zoom, shiftPixels, shearDegrees, elasticAlpha, elasticSigma,
        flipHorizontal, flipVertical, ink, nonDigits, touching);
  }

  /** This, with this shear range. */
  public Augmentation withShear(double degrees) {
    return new Augmentation(rotationDegrees, zoom, shiftPixels, degrees, elasticAlpha, elasticSigma, flipHorizontal,
        flipVertical, ink, nonDigits, touching);
  }

  /** This, with this elastic distortion. */
  public Augmentation withElastic(double alpha, double sigma) {
    return new Augmentation(rotationDegrees, zoom, shiftPixels, shearDegrees, alpha, sigma, flipHorizontal,
        flipVertical, ink, nonDigits, touching);
  }

  /** This, with these ink distortions. */
  public Augmentation withInk(InkAugmentation distortions) {
    return new Augmentation(rotationDegrees, zoom, shiftPixels, shearDegrees, elasticAlpha, elasticSigma,
        flipHorizontal, flipVertical, distortions, nonDigits, touching);
  }

  /** This, with this share of images that are not one digit (the network then needs its non-digit output). */
  public Augmentation withNonDigits(double share) {
    return new Augmentation(rotationDegrees, zoom, shiftPixels, shearDegrees, elasticAlpha, elasticSigma,
        flipHorizontal, flipVertical, ink, share, touching);
  }

  public boolean enabled() {
    return rotationDegrees > 0 || zoom > 0 || shiftPixels > 0 || shearDegrees > 0 || elasticAlpha > 0
        || flipHorizontal || flipVertical || ink.enabled() || nonDigits > 0
        || touching > 0;
  }
}
