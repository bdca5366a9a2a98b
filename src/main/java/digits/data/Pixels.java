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

  /** The other way: {@code v} in [0, 1] (clamped) as the nearest stored level. */
  public static byte level(float v) {
    return (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
  }
}
