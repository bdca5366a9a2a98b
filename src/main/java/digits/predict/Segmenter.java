package digits.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a line of handwritten digits (a zip code, an amount) into one image per digit, left to right:
 *
 * <ol>
 *   <li>ink above Otsu's threshold forms 8-connected components; specks are dropped;</li>
 *   <li>components that overlap horizontally by at least half of the narrower one are one digit (a broken
 *       stroke such as the detached top bar of a 5);</li>
 *   <li>a piece much wider than a digit is tall holds touching digits: it is cut at the columns with the least
 *       ink near where the cuts should fall;</li>
 *   <li>with an expected length, the widest piece is cut again, or the two closest pieces joined, until the
 *       count matches.</li>
 * </ol>
 */
public final class Segmenter {
  /** A digit is at most this wide for its height; wider pieces are taken to be several touching digits. */
  static final double DIGIT_ASPECT = 0.8;

  private Segmenter() {}

  /** One digit's region and pixels (indices into the source image). */
  record Piece(int x0, int y0, int x1, int y1, List<int[]> pixelSets) {
    int width() {
      return x1 - x0;
    }

    int height() {
      return y1 - y0;
    }

    static Piece of(List<int[]> sets, int width) {
      int x0 = Integer.MAX_VALUE;
      int y0 = Integer.MAX_VALUE;
      int x1 = 0;
      int y1 = 0;
      for (int[] s : sets) {
        for (int p : s) {
          x0 = Math.min(x0, p % width);
          y0 = Math.min(y0, p / width);
          x1 = Math.max(x1, p % width + 1);
          y1 = Math.max(y1, p / width + 1);
        }
      }
      return new Piece(x0, y0, x1, y1, sets);
    }

    Piece merge(Piece o, int width) {
      List<int[]> sets = new ArrayList<>(pixelSets);
      sets.addAll(o.pixelSets);
      return of(sets, width);
    }
  }

  /**
   * The digit images of {@code ink}, left to right, each ready for {@link MnistPreprocessor#prepare(InkImage)}.
   *
   * @param expectedLength the number of digits if known, else 0
   */
  public static List<InkImage> segment(InkImage ink, int expectedLength) {
    List<Piece> pieces = pieces(ink, expectedLength);
    List<InkImage> digits = new ArrayList<>();
    for (Piece p : pieces) {
      digits.add(render(ink, p));
    }
    return digits;
  }

  static List<Piece> pieces(InkImage ink, int expectedLength) {
    int w = ink.width();
    float t = ink.threshold(MnistPreprocessor.MIN_THRESHOLD);
    boolean[] mask = new boolean[ink.values().length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = ink.values()[i] > t;
    }
    List<Components.Component> components = Components.of(mask, w, ink.height());
    int largest = components.stream().mapToInt(Components.Component::area).max()
        .orElseThrow(() -> new IllegalArgumentException("Expected digits, received an image with no ink"));
    List<Piece> pieces = new ArrayList<>();
    for (Components.Component c : components) {
      if (c.area() >= MnistPreprocessor.SPECK_FRACTION * largest) {
        pieces.add(Piece.of(List.of(c.pixels()), w));
      }
    }
    pieces = mergeOverlapping(pieces, w);
    int height = pieces.stream().mapToInt(Piece::height).max().orElse(1);
    List<Piece> cut = new ArrayList<>();
    for (Piece p : pieces) {
      int k = (int) Math.max(1, Math.round(p.width() / (DIGIT_ASPECT * height)));
      cut.addAll(split(p, k, w));
    }
    pieces = cut;
    pieces.sort(Comparator.comparingInt(Piece::x0));
    if (expectedLength > 0) {
      while (pieces.size() < expectedLength) {
        Piece widest = pieces.stream().max(Comparator.comparingInt(Piece::width)).orElseThrow();
        List<Piece> halves = split(widest, 2, w);
        if (halves.size() < 2) {
          break;
        }
        pieces.remove(widest);
        pieces.addAll(halves);
        pieces.sort(Comparator.comparingInt(Piece::x0));
      }
      while (pieces.size() > expectedLength) {
        int best = 0;
        int bestGap = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < pieces.size(); i++) {
          int gap = pieces.get(i + 1).x0() - pieces.get(i).x1();
          if (gap < bestGap) {
            bestGap = gap;
            best = i;
          }
        }
        Piece joined = pieces.get(best).merge(pieces.get(best + 1), w);
        pieces.remove(best + 1);
        pieces.set(best, joined);
      }
    }
    return pieces;
  }

  private static List<Piece> mergeOverlapping(List<Piece> pieces, int width) {
    List<Piece> list = new ArrayList<>(pieces);
    boolean merged = true;
    while (merged) {
      merged = false;
      list.sort(Comparator.comparingInt(Piece::x0));
      for (int i = 0; i < list.size() && !merged; i++) {
        for (int j = i + 1; j < list.size() && !merged; j++) {
          Piece a = list.get(i);
          Piece b = list.get(j);
          int overlap = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
          if (overlap >= 0.5 * Math.min(a.width(), b.width())) {
            list.set(i, a.merge(b, width));
            list.remove(j);
            merged = true;
          }
        }
      }
    }
    return list;
  }

  /** Cuts {@code p} into {@code k} pieces at the columns with the least ink near the even cut positions. */
  private static List<Piece> split(Piece p, int k, int width) {
    if (k <= 1 || p.width() < 2 * k) {
      return List.of(p);
    }
    int[] column = new int[p.width()];
    for (int[] s : p.pixelSets()) {
      for (int px : s) {
        column[px % width - p.x0()]++;
      }
    }
    int[] cuts = new int[k + 1];
    cuts[0] = 0;
    cuts[k] = p.width();
    for (int i = 1; i < k; i++) {
      int target = p.width() * i / k;
      int radius = Math.max(1, p.width() / (3 * k));
      int best = target;
      for (int c = Math.max(cuts[i - 1] + 1, target - radius); c <= Math.min(p.width() - 1, target + radius); c++) {
        if (column[c] < column[best] || (column[c] == column[best] && Math.abs(c - target) < Math.abs(best - target))) {
          best = c;
        }
      }
      cuts[i] = best;
    }
    List<Piece> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      int lo = p.x0() + cuts[i];
      int hi = p.x0() + cuts[i + 1];
      List<Integer> inside = new ArrayList<>();
      for (int[] s : p.pixelSets()) {
        for (int px : s) {
          int x = px % width;
          if (x >= lo && x < hi) {
            inside.add(px);
          }
        }
      }
      if (!inside.isEmpty()) {
        out.add(Piece.of(List.of(inside.stream().mapToInt(Integer::intValue).toArray()), width));
      }
    }
    return out;
  }

  /**
   * The piece's own ink: the piece's thresholded pixels and the faint rim around them, nothing of its
   * neighbours.
   */
  private static InkImage render(InkImage ink, Piece p) {
    int pad = 2;
    int x0 = Math.max(0, p.x0() - pad);
    int y0 = Math.max(0, p.y0() - pad);
    int x1 = Math.min(ink.width(), p.x1() + pad);
    int y1 = Math.min(ink.height(), p.y1() + pad);
    int w = x1 - x0;
    int h = y1 - y0;
    boolean[] own = new boolean[w * h];
    for (int[] s : p.pixelSets()) {
      for (int px : s) {
        int x = px % ink.width() - x0;
        int y = px / ink.width() - y0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
              own[yy * w + xx] = true;
            }
          }
        }
      }
    }
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (own[y * w + x]) {
          v[y * w + x] = ink.at(x0 + x, y0 + y);
        }
      }
    }
    return new InkImage(v, w, h);
  }
}
