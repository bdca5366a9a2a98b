package digits.samples;

import digits.data.Bilinear;
import digits.data.Box;
import digits.predict.ink.InkImage;
import digits.predict.ink.MnistPreprocessor;
import digits.predict.search.ReadingPrior;
import digits.predict.search.ReadingSearch;
import digits.predict.segment.Atom;
import digits.predict.segment.Line;
import digits.predict.segment.Segmenter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training images of what the reader asks the model: lines of known digits (touching, overlapping or apart) are
 * cut into atoms by the reader's own {@link Segmenter}, and every candidate piece of {@link ReadingSearch} is
 * rendered as the reader renders it and labelled by whose ink it holds. A piece holding nearly all of one digit and
 * next to nothing of the others is that digit; a piece holding most of two digits, or too little of any, is
 * {@link #NOT_ONE_DIGIT}; anything between is left out. The model then learns the reader's real cuts, slivers and
 * merges, instead of imitations of them. The same digits and seed give the same pieces.
 */
public final class SearchPieces {
  /** The label of a piece that is not one digit. */
  public static final int NOT_ONE_DIGIT = 10;
  /** The share of pieces that are not one digit, in a training set of pieces. */
  public static final double NON_DIGIT_SHARE = 0.3;
  /** Share of a digit's ink a piece must hold to be that digit. */
  static final double WHOLE = 0.9;
  /** Share of another digit's ink a piece may hold and still be one digit. */
  static final double SLIVER = 0.15;
  /** A piece holding at least this share of two digits, or less than {@link #PART} of any, is not one digit. */
  static final double MERGED = 0.5;
  static final double PART = 0.6;
  /** Line pictures are drawn at this many times the digits' 28-pixel scale. */
  private static final int SCALE = 2;
  private static final int SIZE = MnistPreprocessor.SIZE;
  /** Overlaps are a share of the narrower digit's width, or of this many pixels (of 28) where it is narrower. */
  static final int OVERLAP_WIDTH = 10;

  private SearchPieces() {}

  /** {@code count} 28x28 images in [0, 1] (1 = ink), row-major, and their labels (0 to 9, or 10). */
  public record Pieces(float[] images, int[] labels) {
    public int size() {
      return labels.length;
    }
  }

  /**
   * {@code count} pieces cut from lines of the 28x28 {@code digits} (values in [0, 1], 1 = ink; labels 0 to 9),
   * about {@code nonDigitShare} of them not one digit.
   */
  public static Pieces draw(float[] digits, int[] labels, int count, double nonDigitShare, long seed) {
    if (labels.length < 2 || digits.length != labels.length * SIZE * SIZE) {
      throw new IllegalArgumentException("Expected at least 2 digits of 28x28, received " + labels.length);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int wantOthers = (int) Math.round(count * nonDigitShare);
    float[] images = new float[count * SIZE * SIZE];
    int[] out = new int[count];
    int digitsMade = 0;
    int othersMade = 0;
    for (long lines = 0; digitsMade + othersMade < count; lines++) {
      if (lines > 20L * count + 200) {
        throw new IllegalArgumentException("Cannot cut " + count + " pieces from these digits: the reader finds "
            + "too few pieces of either kind in lines of them (made " + digitsMade + " digits, " + othersMade
            + " others)");
      }
      for (Piece p : cut(digits, labels, random)) {
        boolean other = p.label() == NOT_ONE_DIGIT;
        if (other ? othersMade >= wantOthers : digitsMade >= count - wantOthers) {
          continue;
        }
        int at = digitsMade + othersMade;
        System.arraycopy(p.image(), 0, images, at * SIZE * SIZE, SIZE * SIZE);
        out[at] = p.label();
        if (other) {
          othersMade++;
        } else {
          digitsMade++;
        }
      }
    }
    return new Pieces(images, out);
  }

  /** A candidate of a cut line and its label; rendered only when a piece of its kind is still wanted. */
  record Piece(Line line, ReadingSearch.Segment segment, int label) {
    float[] image() {
      return MnistPreprocessor.prepare(Segmenter.render(line, segment.from(), segment.to()));
    }
  }

  /** The labelled candidate pieces of one random line, in random order. */
  static List<Piece> cut(float[] digits, int[] labels, SplittableRandom random) {
    int n = 2 + random.nextInt(5);
    int[] chosen = new int[n];
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      chosen[i] = random.nextInt(labels.length);
      text.append(labels[chosen[i]]);
    }
    Drawn line = draw(digits, chosen, random);
    Line atoms;
    try {
      atoms = Segmenter.atoms(InkImage.of(line.picture()), 0);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    int[] total = new int[n];
    List<int[]> owned = new ArrayList<>();
    for (Atom a : atoms.atoms()) {
      int[] c = new int[n];
      for (int p : a.pixels()) {
        int who = line.owner()[p];
        if (who >= 0) {
          c[who]++;
          total[who]++;
        }
      }
      owned.add(c);
    }
    List<Piece> pieces = new ArrayList<>();
    for (ReadingSearch.Segment s : ReadingSearch.candidates(atoms, ReadingPrior.DEFAULT, 0)) {
      int[] c = new int[n];
      for (int a = s.from(); a < s.to(); a++) {
        for (int d = 0; d < n; d++) {
          c[d] += owned.get(a)[d];
        }
      }
      int label = label(c, total, text);
      if (label >= 0) {
        pieces.add(new Piece(atoms, s, label));
      }
    }
    for (int i = pieces.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      pieces.set(i, pieces.set(j, pieces.get(i)));
    }
    return pieces;
  }

  /**
   * The label of a piece holding {@code held[d]} of digit {@code d}'s {@code total[d]} pixels: the digit it holds
   * nearly whole, {@link #NOT_ONE_DIGIT}, or -1 when it is neither clearly.
   */
  static int label(int[] held, int[] total, CharSequence text) {
    int main = -1;
    int large = 0;
    double best = 0;
    int others = 0;
    int all = 0;
    for (int d = 0; d < held.length; d++) {
      double share = total[d] == 0 ? 0 : (double) held[d] / total[d];
      if (share >= MERGED) {
        large++;
      }
      if (share > best) {
        best = share;
        main = d;
      }
      all += held[d];
    }
    if (main < 0 || large >= 2 || best < PART) {
      return NOT_ONE_DIGIT;
    }
    for (int d = 0; d < held.length; d++) {
      if (d != main && total[d] > 0 && (double) held[d] / total[d] > SLIVER) {
        return -1;
      }
      others += d == main ? 0 : held[d];
    }
    return best >= WHOLE && others <= SLIVER * all ? text.charAt(main) - '0' : -1;
  }

  /** A line's picture (dark ink on white) and, for each of its pixels, which digit's ink it is (-1: paper). */
  record Drawn(BufferedImage picture, int[] owner) {}

  /**
   * Digits {@code chosen} side by side at twice their size: apart, touching or overlapping by up to a third of the
   * narrower one (of at least {@link #OVERLAP_WIDTH}: a thin 1 touches its neighbour as deeply as any digit does,
   * and may lie within its neighbour's box), each a little up or down; where two overlap, the darker ink owns the
   * pixel.
   */
  static Drawn draw(float[] digits, int[] chosen, SplittableRandom random) {
    int n = chosen.length;
    Box[] boxes = new Box[n];
    int[] xs = new int[n];
    int[] ys = new int[n];
    int x = 4;
    for (int i = 0; i < n; i++) {
      boxes[i] = box(digits, chosen[i] * SIZE * SIZE);
      int w = boxes[i].width();
      if (i > 0) {
        int narrower = Math.max(OVERLAP_WIDTH, Math.min(w, boxes[i - 1].width()));
        double kind = random.nextDouble();
        int gap = kind < 0.45 ? -(int) Math.round(random.nextDouble(0, 0.35) * narrower)
            : kind < 0.6 ? 0 : 1 + random.nextInt(7);
        x += gap;
      }
      xs[i] = x - boxes[i].x0();
      ys[i] = 4 + random.nextInt(-2, 3);
      x += w;
    }
    return paint(digits, chosen, xs, ys, (x + 4) * SCALE, (SIZE + 8) * SCALE);
  }

  /**
   * A picture {@code w} x {@code h} of the digits {@code chosen} enlarged {@value #SCALE} times (bilinear), digit
   * {@code i}'s square at {@code (xs[i], ys[i])} in digit pixels; where two overlap, the darker ink owns the pixel.
   */
  static Drawn paint(float[] digits, int[] chosen, int[] xs, int[] ys, int w, int h) {
    int n = chosen.length;
    float[] ink = new float[w * h];
    int[] owner = new int[w * h];
    java.util.Arrays.fill(owner, -1);
    for (int i = 0; i < n; i++) {
      int base = chosen[i] * SIZE * SIZE;
      boolean[] inked = inkedCells(digits, base);
      // Only the pixels whose sample point can fall on the digit's square (sx, sy in [-1, SIZE]).
      int xFrom = Math.max(0, (xs[i] - 1) * SCALE - 1);
      int xTo = Math.min(w, (xs[i] + SIZE + 1) * SCALE + 1);
      int yFrom = Math.max(0, (ys[i] - 1) * SCALE - 1);
      int yTo = Math.min(h, (ys[i] + SIZE + 1) * SCALE + 1);
      // where each column samples the digit, and its bilinear cell's column (-1: off the square), found once
      double[] sxs = new double[Math.max(0, xTo - xFrom)];
      int[] cell = new int[sxs.length];
      for (int k = 0; k < sxs.length; k++) {
        sxs[k] = (xFrom + k + 0.5) / SCALE - 0.5 - xs[i];
        cell[k] = sxs[k] < -1 || sxs[k] > SIZE ? -1 : (int) Math.floor(sxs[k]) + 1;
      }
      for (int y = yFrom; y < yTo; y++) {
        double sy = (y + 0.5) / SCALE - 0.5 - ys[i];
        if (sy < -1 || sy > SIZE) {
          continue;
        }
        int cells = ((int) Math.floor(sy) + 1) * (SIZE + 2);
        for (int k = 0; k < sxs.length; k++) {
          if (cell[k] < 0 || !inked[cells + cell[k]]) {
            continue;
          }
          float v = (float) Bilinear.sample(digits, base, SIZE, SIZE, sxs[k], sy);
          int at = y * w + xFrom + k;
          if (v > ink[at]) {
            ink[at] = v;
            owner[at] = v > 0.05f ? i : owner[at];
          }
        }
      }
    }
    BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] gray = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
    for (int p = 0; p < ink.length; p++) {
      gray[p] = ink[p] == 0 ? (byte) 255 : (byte) Math.round(255 * (1 - Math.min(1, ink[p]))); // mostly paper
    }
    return new Drawn(picture, owner);
  }

  /**
   * Which bilinear cells of the digit at {@code base} touch ink: entry {@code (y0 + 1) * (SIZE + 2) + x0 + 1} for
   * the cell whose top-left pixel is (x0, y0), -1 to SIZE (pixels outside the square are blank). A sample in a
   * cell that touches none is 0 and changes nothing.
   */
  private static boolean[] inkedCells(float[] digits, int base) {
    boolean[] inked = new boolean[(SIZE + 2) * (SIZE + 2)];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (digits[base + y * SIZE + x] != 0) {
          for (int cy = y; cy <= y + 1; cy++) {
            for (int cx = x; cx <= x + 1; cx++) {
              inked[cy * (SIZE + 2) + cx] = true;
            }
          }
        }
      }
    }
    return inked;
  }

  /** The box of the ink of the digit at {@code base} (the whole square when it holds none). */
  private static Box box(float[] digits, int base) {
    Box box = Box.ofInk(digits, base, SIZE, SIZE, 0.15f);
    return box == null ? new Box(0, 0, SIZE, SIZE) : box;
  }

}
