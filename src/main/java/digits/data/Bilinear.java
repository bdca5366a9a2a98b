package digits.data;

/** Bilinear sampling of a float map {@code [offset + y * width + x]}, zero outside it. */
public final class Bilinear {
  private Bilinear() {}

  /** The value at the real position {@code (x, y)}, pixel centres on whole coordinates. */
  public static double sample(float[] v, int width, int height, double x, double y) {
    return sample(v, 0, width, height, x, y);
  }

  /** {@link #sample(float[], int, int, double, double)} of the map that starts at {@code offset}. */
  public static double sample(float[] v, int offset, int width, int height, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    return (1 - fx) * (1 - fy) * at(v, offset, width, height, x0, y0)
        + fx * (1 - fy) * at(v, offset, width, height, x0 + 1, y0)
        + (1 - fx) * fy * at(v, offset, width, height, x0, y0 + 1)
        + fx * fy * at(v, offset, width, height, x0 + 1, y0 + 1);
  }

  private static float at(float[] v, int offset, int width, int height, int x, int y) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0 : v[offset + y * width + x];
  }
}
