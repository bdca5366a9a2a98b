package digits.predict.segment;

import digits.data.Bilinear;
import digits.data.Box;
import digits.predict.ink.InkImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Straightens a tilted line of digits (a zip code photographed or written at an angle). A tilted line is taller
 * than its digits, which makes every digit look short to the reading search and small to the line model; turned
 * level, its height is a digit's height again.
 */
public final class LineSkew {
  /** No line is turned by more than this (degrees)... */
  static final double MAX_DEGREES = 15;
  /** ...or less than this. */
  static final double MIN_DEGREES = 1.5;
  /** A line is measured only when its ink's box is at least this many times as wide as tall. */
  static final double MIN_ASPECT = 1.5;
  /** Pieces at least this share of the median piece's height count... */
  static final double TALL = 0.8;
  /** ...in pairs at least this many median heights apart (centre to centre)... */
  static final double APART = 0.6;
  /** ...and at least this many pairs are needed. */
  static final int MIN_PAIRS = 3;

  private LineSkew() {}

  /**
   * The angle in degrees (positive: the line rises to the right) of {@code line}; 0 for a line too short to tell
   * or tilted less than {@link #MIN_DEGREES}. The tilt is the median slope between the bottoms, and between the
   * tops, of every two pieces of ink that span most of a digit's height and stand apart (Theil and Sen's
   * estimator): the ends of a digit's strokes do not move up or down when the writing slants, and a stray piece
   * cannot pull a median.
   */
  public static double degrees(Line line) {
    Box box = line.box(0, line.atoms().size());
    if (box.width() < MIN_ASPECT * (box.height())) {
      return 0;
    }
    int[] heights = line.atoms().stream().mapToInt(Atom::height).sorted().toArray();
    double median = heights[heights.length / 2];
    List<Atom> tall = line.atoms().stream().filter(a -> a.height() >= TALL * median).toList();
    List<Double> slopes = new ArrayList<>();
    for (int i = 0; i < tall.size(); i++) {
      for (int j = i + 1; j < tall.size(); j++) {
        Atom a = tall.get(i);
        Atom b = tall.get(j);
        double dx = (b.x0() + b.x1() - a.x0() - a.x1()) / 2.0;
        if (Math.abs(dx) >= APART * median) {
          slopes.add((a.y1() - b.y1()) / dx);
          slopes.add((a.y0() - b.y0()) / dx);
        }
      }
    }
    if (slopes.size() < 2 * MIN_PAIRS) {
      return 0;
    }
    Collections.sort(slopes);
    double degrees = Math.toDegrees(Math.atan(slopes.get(slopes.size() / 2)));
    return Math.abs(degrees) < MIN_DEGREES ? 0 : Math.max(-MAX_DEGREES, Math.min(MAX_DEGREES, degrees));
  }

  /** {@code ink} turned by {@code degrees} about its centre (a larger canvas, nothing cut off), bilinear. */
  public static InkImage turn(InkImage ink, double degrees) {
    double sin = Math.sin(Math.toRadians(degrees));
    double cos = Math.cos(Math.toRadians(degrees));
    int w = ink.width();
    int h = ink.height();
    int tw = (int) Math.ceil(Math.abs(w * cos) + Math.abs(h * sin));
    int th = (int) Math.ceil(Math.abs(w * sin) + Math.abs(h * cos));
    float[] out = new float[tw * th];
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    double tcx = (tw - 1) / 2.0;
    double tcy = (th - 1) / 2.0;
    for (int y = 0; y < th; y++) {
      for (int x = 0; x < tw; x++) {
        // A point (x, y) of the original lands at u = x cos - y sin, v = x sin + y cos (about the centres).
        double u = x - tcx;
        double v = y - tcy;
        double sx = u * cos + v * sin + cx;
        double sy = -u * sin + v * cos + cy;
        out[y * tw + x] = (float) Bilinear.sample(ink.values(), w, h, sx, sy);
      }
    }
    return new InkImage(out, tw, th);
  }
}
