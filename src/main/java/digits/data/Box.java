package digits.data;

/**
 * A rectangle of pixels, {@code [x0, x1) x [y0, y1)} (ends exclusive): the bounds of a digit's ink, of a piece of
 * ink, of a run of pieces. One type for the training data, the development set and the reader.
 */
public record Box(int x0, int y0, int x1, int y1) {
  public Box {
    if (x1 < x0 || y1 < y0) {
      throw new IllegalArgumentException("Expected x0 <= x1 and y0 <= y1, received " + x0 + ", " + y0 + ", " + x1
          + ", " + y1);
    }
  }

  public int width() {
    return x1 - x0;
  }

  public int height() {
    return y1 - y0;
  }

  /** The smallest box holding this one and {@code other}. */
  public Box union(Box other) {
    return new Box(Math.min(x0, other.x0), Math.min(y0, other.y0), Math.max(x1, other.x1), Math.max(y1, other.y1));
  }

  /** This box's rows between columns {@code from} and {@code to} (exclusive). */
  public Box columns(int from, int to) {
    return new Box(from, y0, to, y1);
  }

  /**
   * The box of the pixels above {@code ink} in the {@code width x height} image that starts at {@code offset} of
   * {@code v}, or null when there are none.
   */
  public static Box ofInk(float[] v, int offset, int width, int height, float ink) {
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
    return x1 == 0 ? null : new Box(x0, y0, x1, y1);
  }

  /** The box of the pixels listed by index into an image {@code width} pixels wide (at least one pixel). */
  public static Box ofPixels(int[] pixels, int width) {
    int x0 = Integer.MAX_VALUE;
    int y0 = Integer.MAX_VALUE;
    int x1 = 0;
    int y1 = 0;
    for (int p : pixels) {
      x0 = Math.min(x0, p % width);
      y0 = Math.min(y0, p / width);
      x1 = Math.max(x1, p % width + 1);
      y1 = Math.max(y1, p / width + 1);
    }
    return new Box(x0, y0, x1, y1);
  }
}
