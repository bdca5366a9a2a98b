package digits.data;

/** The one conversion from stored 8-bit pixels (MNIST's bytes, 255 = full ink) to model inputs in [0, 1]. */
public final class Pixels {
  /** Multiplies a 0..255 level into [0, 1]. */
  public static final float SCALE = 1f / 255f;

  private Pixels() {}

  /** The byte {@code b} (unsigned) as a model input in [0, 1]. */
  public static float unit(byte b) {
    return (b & 0xFF) * SCALE;
  }
}
