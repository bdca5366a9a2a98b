package digits.predict.segment;

import digits.data.Box;
import digits.predict.ink.Components;
import digits.predict.ink.InkImage;
import digits.predict.ink.MnistPreprocessor;
import digits.predict.ink.RuledLines;
import digits.predict.ink.UnreadableImageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Over-segments a line of handwritten digits (a zip code, an amount) into atoms, left to right, for the
 * recognizer to put back together ({@link ReadingSearch}):
 *
 * <ol>
 *   <li>ink above Otsu's threshold, without the lines of ruled paper ({@link RuledLines}), forms 8-connected
 *       components; specks are dropped;</li>
 *   <li>components that overlap horizontally by at least half of the narrower one are one glyph (a broken
 *       stroke, the detached bar of a 5 or a 7);</li>
 *   <li>a glyph wider than {@link #CUT_WIDTH} of the line's height ({@link #LONE_CUT_WIDTH} alone in its image)
 *       may hold touching digits: it is cut at the columns where cutting costs least (local minima of ink times
 *       strokes crossed, see {@link #cutCosts}), down to a thin 1's width from its edges, each cut a candidate the
 *       search may use or ignore;</li>
 *   <li>with an expected length, the widest atoms are cut further until there are at least that many.</li>
 * </ol>
 */
public final class Segmenter {
  /**
   * Glyphs wider than this share of the line's height get candidate cuts (two touching 1s make a glyph about 0.42
   * of the line wide)...
   */
  static final double CUT_WIDTH = 0.4;
  /** ...or this share, for a glyph alone in its image: one piece of ink alone is most often one digit. */
  static final double LONE_CUT_WIDTH = 0.55;
  /** Candidate cuts are at least this share of the line's height apart... */
  static final double CUT_SPACING = 0.15;
  /** ...and this share from a glyph's edges: a thin 1 touching its neighbour is about this wide. */
  static final double CUT_EDGE = 0.08;
  /** A glyph gets at most one candidate cut per this many {@link #CUT_SPACING}s of its width. */
  static final double CUTS_PER_SPACING = 1.6;
  /** Components smaller than this many pixels, or this share of the largest, are specks. */
  static final int SPECK_PIXELS = 6;
  /** A line whose largest glyph is smaller than this (pixels) holds no digit: noise, dust. */
  static final int MIN_GLYPH_PIXELS = 12;
  static final int MIN_GLYPH_HEIGHT = 5;
  /** The faint rim kept around a digit's thresholded pixels, as a share of the line's height. */
  static final double RIM = 0.05;
  /** A piece of ink must hold a pixel this many noise deviations above the paper... */
  static final double NOISE_SIGMAS = 6;
  /** ...or at least this strong (on the scale where the strongest stroke is about 0.8). */
  static final float MAX_STRONG = 0.45f;

  private Segmenter() {}

  /**
   * Finds the atoms of {@code ink}.
   *
   * @param expectedLength the number of digits if known, else 0
   * @throws UnreadableImageException "no digit found" when the image holds no ink larger than a speck, "too many
   *     pieces of ink" beyond {@link #MAX_PIECES}
   */
  public static Line atoms(InkImage ink, int expectedLength) {
    int w = ink.width();
    int h = ink.height();
    float t = ink.threshold(MnistPreprocessor.MIN_THRESHOLD);
    // Hysteresis: a piece of ink holds at least one pixel stronger than any the paper's noise makes.
    float strong = Math.max(t, ink.noiseCeiling(NOISE_SIGMAS, MAX_STRONG));
    boolean[] mask = new boolean[w * h];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = ink.values()[i] > t;
    }
    boolean[] before = mask.clone();
    RuledLines.remove(mask, w, h);
    float[] clean = ink.values().clone();
    for (int i = 0; i < mask.length; i++) {
      if (before[i] && !mask[i]) {
        clean[i] = 0;
      }
    }
    InkImage page = new InkImage(clean, w, h);
    float[] values = page.values();
    List<Components.Component> components = Components.of(mask, w, h);
    components.removeIf(c -> {
      for (int p : c.pixels()) {
        if (values[p] >= strong) {
          return false;
        }
      }
      return true;
    });
    int largest = components.stream().mapToInt(Components.Component::area).max().orElse(0);
    List<Atom> glyphs = new ArrayList<>();
    for (Components.Component c : components) {
      if (c.area() >= Math.max(SPECK_PIXELS, MnistPreprocessor.SPECK_FRACTION * largest)) {
        glyphs.add(Atom.of(c.pixels(), w, -1));
      }
    }
    tooMany(glyphs.size());
    glyphs = mergeOverlapping(glyphs, w);
    boolean found = glyphs.stream().anyMatch(g -> g.pixels().length >= MIN_GLYPH_PIXELS
        && g.height() >= MIN_GLYPH_HEIGHT);
    if (!found) {
      throw new UnreadableImageException("no digit found");
    }
    int height = glyphs.stream().mapToInt(Atom::height).max().orElse(1);
    List<Atom> atoms = new ArrayList<>();
    double cutWidth = glyphs.size() == 1 ? LONE_CUT_WIDTH : CUT_WIDTH;
    for (int g = 0; g < glyphs.size(); g++) {
      atoms.addAll(cut(glyphs.get(g), g, w, height, cutWidth));
    }
    tooMany(atoms.size());
    atoms.sort(Comparator.comparingInt(Atom::x0));
    while (expectedLength > 0 && atoms.size() < expectedLength) {
      Atom widest = atoms.stream().max(Comparator.comparingInt(Atom::width)).orElseThrow();
      List<Atom> halves = split(widest, new int[] {widest.x0() + widest.width() / 2}, w);
      if (halves.size() < 2) {
        break;
      }
      atoms.remove(widest);
      atoms.addAll(halves);
      atoms.sort(Comparator.comparingInt(Atom::x0));
    }
    return new Line(page, List.copyOf(atoms), height,
        glyphs.stream().mapToInt(Atom::width).toArray());
  }

  /**
   * Pieces of ink beyond which an image is not a line of digits (a page of text, a texture, a picture made to
   * stall the reader): the search's work grows faster than the pieces, so they are counted before it starts.
   */
  public static final int MAX_PIECES = 100;

  private static void tooMany(int pieces) {
    if (pieces > MAX_PIECES) {
      throw new UnreadableImageException("too many pieces of ink (" + pieces + "): not a line of digits (at most "
          + MAX_PIECES + ")");
    }
  }

  private static List<Atom> mergeOverlapping(List<Atom> glyphs, int width) {
    List<Atom> list = new ArrayList<>(glyphs);
    boolean merged = true;
    while (merged) {
      merged = false;
      list.sort(Comparator.comparingInt(Atom::x0));
      for (int i = 0; i < list.size() && !merged; i++) {
        for (int j = i + 1; j < list.size() && !merged; j++) {
          Atom a = list.get(i);
          Atom b = list.get(j);
          int overlap = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
          if (overlap >= 0.5 * Math.min(a.width(), b.width())) {
            list.set(i, Atom.of(concat(a.pixels(), b.pixels()), width, -1));
            list.remove(j);
            merged = true;
          }
        }
      }
    }
    return list;
  }

  /**
   * The glyph cut at the thinnest columns of its ink when it is wider than {@code cutWidth} line heights, each atom
   * labelled with {@code glyph}.
   */
  private static List<Atom> cut(Atom glyph, int index, int width, int lineHeight, double cutWidth) {
    Atom labelled = new Atom(glyph.pixels(), glyph.box(), index);
    if (glyph.width() <= cutWidth * lineHeight) {
      return List.of(labelled);
    }
    float[] column = cutCosts(glyph, width);
    float[] smooth = new float[column.length];
    for (int c = 0; c < column.length; c++) {
      float s = 0;
      int n = 0;
      for (int k = Math.max(0, c - 1); k <= Math.min(column.length - 1, c + 1); k++) {
        s += column[k];
        n++;
      }
      smooth[c] = s / n;
    }
    int margin = Math.max(1, (int) Math.round(CUT_SPACING * lineHeight));
    int edge = Math.max(1, (int) Math.round(CUT_EDGE * lineHeight));
    List<Integer> minima = new ArrayList<>();
    for (int c = edge; c < column.length - edge; c++) {
      float left = smooth[c - 1];
      float right = smooth[c + 1];
      if (smooth[c] <= left && smooth[c] <= right) {
        minima.add(c);
      }
    }
    minima.sort(Comparator.comparingDouble((Integer c) -> smooth[c]));
    List<Integer> chosen = new ArrayList<>();
    int most = (int) Math.ceil(glyph.width() / (CUT_SPACING * CUTS_PER_SPACING * lineHeight));
    for (int c : minima) {
      if (chosen.size() >= most) {
        break;
      }
      if (chosen.stream().allMatch(o -> Math.abs(o - c) >= margin)) {
        chosen.add(c);
      }
    }
    if (chosen.isEmpty()) {
      return List.of(labelled);
    }
    int[] cuts = chosen.stream().mapToInt(c -> glyph.x0() + c).sorted().toArray();
    return split(labelled, cuts, width);
  }

  /**
   * What cutting the glyph at each of its columns would cost: the column's ink times the strokes it crosses. A cut
   * between two touching digits crosses one thin stroke; a cut through the middle of a 0 or an 8 crosses two or
   * three, so it costs more even where each stroke is as thin.
   */
  static float[] cutCosts(Atom glyph, int width) {
    int w = glyph.width();
    int h = glyph.height();
    boolean[] on = new boolean[w * h];
    for (int p : glyph.pixels()) {
      on[(p / width - glyph.y0()) * w + p % width - glyph.x0()] = true;
    }
    float[] cost = new float[w];
    for (int c = 0; c < w; c++) {
      int count = 0;
      int runs = 0;
      for (int y = 0; y < h; y++) {
        if (on[y * w + c]) {
          count++;
          if (y == 0 || !on[(y - 1) * w + c]) {
            runs++;
          }
        }
      }
      cost[c] = count * Math.max(1, runs);
    }
    return cost;
  }

  /** {@code atom} split at the given absolute columns (each a cut before that column). */
  private static List<Atom> split(Atom atom, int[] cuts, int width) {
    List<List<Integer>> parts = new ArrayList<>();
    for (int i = 0; i <= cuts.length; i++) {
      parts.add(new ArrayList<>());
    }
    for (int p : atom.pixels()) {
      int x = p % width;
      int part = 0;
      while (part < cuts.length && x >= cuts[part]) {
        part++;
      }
      parts.get(part).add(p);
    }
    List<Atom> out = new ArrayList<>();
    for (List<Integer> part : parts) {
      if (!part.isEmpty()) {
        out.add(Atom.of(part.stream().mapToInt(Integer::intValue).toArray(), width, atom.glyph()));
      }
    }
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /**
   * The image of atoms {@code [from, to)} together: their thresholded pixels and the faint rim around them (a
   * twentieth of the line's height: the soft edges of a scanned stroke), nothing of their neighbours beyond that;
   * ready for {@link MnistPreprocessor#prepare(InkImage)}.
   */
  public static InkImage render(Line line, int from, int to) {
    InkImage ink = line.ink();
    Box box = line.box(from, to);
    int bx0 = box.x0();
    int by0 = box.y0();
    int bx1 = box.x1();
    int by1 = box.y1();
    int rim = Math.max(1, (int) Math.round(RIM * line.height()));
    int pad = rim + 1;
    int x0 = Math.max(0, bx0 - pad);
    int y0 = Math.max(0, by0 - pad);
    int x1 = Math.min(ink.width(), bx1 + pad);
    int y1 = Math.min(ink.height(), by1 + pad);
    int w = x1 - x0;
    int h = y1 - y0;
    boolean[] seed = new boolean[w * h];
    for (Atom a : line.atoms().subList(from, to)) {
      for (int px : a.pixels()) {
        seed[(px / ink.width() - y0) * w + px % ink.width() - x0] = true;
      }
    }
    boolean[] own = dilate(seed, w, h, rim);
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

  /** {@code mask} grown by {@code r} pixels in every direction (a square), rows then columns. */
  public static boolean[] dilate(boolean[] mask, int w, int h, int r) {
    boolean[] rows = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      int last = Integer.MIN_VALUE / 2; // the last set pixel at or left of x + r
      for (int x = 0; x < w + r; x++) {
        if (x < w && mask[y * w + x]) {
          last = x;
        }
        int at = x - r;
        if (at >= 0 && at < w && x - last <= 2 * r) {
          rows[y * w + at] = true;
        }
      }
    }
    boolean[] out = new boolean[w * h];
    int[] last = new int[w]; // per column, the last set row at or above y (row by row: memory in order)
    java.util.Arrays.fill(last, Integer.MIN_VALUE / 2);
    for (int y = 0; y < h + r; y++) {
      int at = y - r;
      for (int x = 0; x < w; x++) {
        if (y < h && rows[y * w + x]) {
          last[x] = y;
        }
        if (at >= 0 && y - last[x] <= 2 * r) {
          out[at * w + x] = true;
        }
      }
    }
    return out;
  }
}
