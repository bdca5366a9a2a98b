package digits.predict.ink;

/**
 * Finds the printed lines of ruled or squared paper in an ink mask and takes them out, keeping the pixels where a
 * digit's stroke crosses a line. A ruled line is a thin band of rows whose ink runs across at least
 * {@value #SPAN} of the image's width; a digit's strokes do not. Vertical lines (squared paper) are taken out the
 * same way, but only where horizontal lines were found too, so a tall 1 in a tight crop is never mistaken for one.
 */
public final class RuledLines {
  /** Share of the width (or height) that a line's ink must cover. */
  static final double SPAN = 0.6;
  /** A line is at most this thick, as a share of the image's height (or width), and at least 3 pixels. */
  static final double MAX_THICKNESS = 0.04;

  private RuledLines() {}

  /** Clears line pixels from {@code mask} in place; returns how many horizontal lines were removed. */
  public static int remove(boolean[] mask, int w, int h) {
    int lines = removeRows(mask, w, h, false);
    if (lines >= 2) {
      removeRows(mask, w, h, true);
    }
    return lines;
  }

  /** Rows (or, {@code transposed}, columns) that are lines: cleared where nothing crosses them. */
  private static int removeRows(boolean[] mask, int w, int h, boolean transposed) {
    int length = transposed ? h : w;
    int count = transposed ? w : h;
    boolean[] line = new boolean[count];
    for (int r = 0; r < count; r++) {
      int covered = 0;
      for (int i = 0; i < length; i++) {
        if (at(mask, w, transposed, r, i)) {
          covered++;
        }
      }
      line[r] = covered >= SPAN * length;
    }
    int maxThickness = Math.max(3, (int) Math.ceil(MAX_THICKNESS * count));
    int lines = 0;
    for (int r = 0; r < count; ) {
      if (!line[r]) {
        r++;
        continue;
      }
      int end = r;
      while (end < count && line[end]) {
        end++;
      }
      if (end - r <= maxThickness) {
        lines++;
        clearBand(mask, w, transposed, r, end, count, length);
      }
      r = end;
    }
    return lines;
  }

  /** Clears rows {@code [from, to)} except in the positions where ink continues on both sides of the band. */
  private static void clearBand(boolean[] mask, int w, boolean transposed, int from, int to, int count, int length) {
    for (int i = 0; i < length; i++) {
      boolean before = from > 0 && at(mask, w, transposed, from - 1, i);
      boolean after = to < count && at(mask, w, transposed, to, i);
      if (before && after) {
        continue; // a stroke crosses the line here
      }
      for (int r = from; r < to; r++) {
        int index = transposed ? i * w + r : r * w + i;
        mask[index] = false;
      }
    }
  }

  private static boolean at(boolean[] mask, int w, boolean transposed, int r, int i) {
    return transposed ? mask[i * w + r] : mask[r * w + i];
  }
}
