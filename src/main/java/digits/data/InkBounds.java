package digits.data;

/** The bounding box of a digit's ink. */
public final class InkBounds {
  private InkBounds() {}

  /**
   * {@code {x0, y0, x1, y1}} (end exclusive) of the pixels above {@code ink} in the {@code width x height} image
   * that starts at {@code offset}, or null when there are none.
   */
  public static int[] of(float[] v, int offset, int width, int height, float ink) {
    int x0 = width;
    int y0 = height;
    int x1 = 0;
    int y1 = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (v[offset + y * width + x] > ink) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x + 1);
          y1 = Math.max(y1, y + 1);
        }
      }
    }
    return x1 == 0 ? null : new int[] {x0, y0, x1, y1};
  }
}
