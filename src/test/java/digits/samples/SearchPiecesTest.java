package digits.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Bilinear;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchPiecesTest {
  /** Ten 28x28 "digits": a ring for even labels, a bar for odd ones, so that a piece's label can be checked. */
  private static float[] shapes(int[] labels) {
    float[] d = new float[labels.length * 784];
    for (int i = 0; i < labels.length; i++) {
      for (int y = 4; y < 24; y++) {
        for (int x = 0; x < 28; x++) {
          double r = Math.hypot((x - 13.5) / 7, (y - 13.5) / 10);
          boolean ink = labels[i] % 2 == 0 ? r > 0.7 && r < 1 : Math.abs(x - 13.5) < 2;
          d[i * 784 + y * 28 + x] = ink ? 1 : 0;
        }
      }
    }
    return d;
  }

  private static final int[] LABELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void labelsFollowWhoseInkAPieceHolds() {
    int[] total = {100, 100, 100};
    assertEquals(7, SearchPieces.label(new int[] {0, 95, 5}, total, "370"));
    assertEquals(SearchPieces.NOT_ONE_DIGIT, SearchPieces.label(new int[] {60, 70, 0}, total, "370"),
        "most of two digits");
    assertEquals(SearchPieces.NOT_ONE_DIGIT, SearchPieces.label(new int[] {0, 40, 0}, total, "370"),
        "too little of one");
    assertEquals(-1, SearchPieces.label(new int[] {0, 80, 0}, total, "370"), "neither clearly");
    assertEquals(-1, SearchPieces.label(new int[] {30, 100, 0}, total, "370"), "a digit with a third of another");
  }

  @Test
  void theLinePictureKnowsWhoseInkEachPixelIs() {
    SearchPieces.Drawn line = SearchPieces.draw(shapes(LABELS), new int[] {0, 1}, new SplittableRandom(3));
    var raster = line.picture().getRaster();
    int w = line.picture().getWidth();
    int inked = 0;
    int[] owners = new int[2];
    for (int p = 0; p < line.owner().length; p++) {
      int grey = raster.getSample(p % w, p / w, 0);
      if (grey < 128) {
        inked++;
        assertTrue(line.owner()[p] >= 0, "ink without an owner at " + p);
        owners[line.owner()[p]]++;
      } else if (grey > 250) {
        assertEquals(-1, line.owner()[p], "paper with an owner at " + p);
      }
    }
    assertTrue(inked > 0 && owners[0] > 0 && owners[1] > 0, "both digits drawn: " + owners[0] + ", " + owners[1]);
  }

  @Test
  void aThinDigitIsOverlappedAsDeeplyAsAWideOne() {
    // two bars four pixels wide: 0.35 of their width would allow one pixel of overlap, 0.35 of ten allows three
    int narrowest = Integer.MAX_VALUE;
    for (int seed = 0; seed < 300; seed++) {
      SearchPieces.Drawn line = SearchPieces.draw(shapes(LABELS), new int[] {1, 3}, new SplittableRandom(seed));
      narrowest = Math.min(narrowest, line.picture().getWidth());
    }
    // the picture is (4 + 4 + gap + 4 + 4) pixels of 28, twice enlarged
    assertEquals(2 * (16 - 3), narrowest, "the deepest overlap: three pixels of 28");
  }

  @Test
  void piecesAreTheDigitsAndTheMergesOfLines() {
    SearchPieces.Pieces p = SearchPieces.draw(shapes(LABELS), LABELS, 400, 0.3, 5);
    assertEquals(400, p.size());
    assertEquals(400 * 784, p.images().length);
    int others = 0;
    for (int i = 0; i < p.size(); i++) {
      assertTrue(p.labels()[i] >= 0 && p.labels()[i] <= SearchPieces.NOT_ONE_DIGIT);
      others += p.labels()[i] == SearchPieces.NOT_ONE_DIGIT ? 1 : 0;
      float mass = 0;
      for (int q = 0; q < 784; q++) {
        mass += p.images()[i * 784 + q];
      }
      assertTrue(mass > 5, "piece " + i + " is nearly empty");
    }
    assertEquals(120, others);
    // A bar (odd label) rendered alone fills a narrow upright box; a ring, a wide one: check one of each.
    int bar = -1;
    int ring = -1;
    for (int i = 0; i < p.size() && (bar < 0 || ring < 0); i++) {
      if (p.labels()[i] < 10) {
        if (p.labels()[i] % 2 == 1) {
          bar = i;
        } else {
          ring = i;
        }
      }
    }
    assertTrue(width(p, bar) < 10, "a bar's piece is narrow: " + width(p, bar));
    assertTrue(width(p, ring) > 10, "a ring's piece is wide: " + width(p, ring));
  }

  private static int width(SearchPieces.Pieces p, int i) {
    int x0 = 28;
    int x1 = 0;
    for (int q = 0; q < 784; q++) {
      if (p.images()[i * 784 + q] > 0.3f) {
        x0 = Math.min(x0, q % 28);
        x1 = Math.max(x1, q % 28 + 1);
      }
    }
    return x1 - x0;
  }

  @Test
  void paintingOnlyWhereInkCanLandGivesTheFullEnlargement() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(5);
      float[] digits = shapes(new int[] {0, 1, 2, 3, 4});
      for (int p = 0; p < digits.length; p++) {
        // faint noise over part of the squares, blank elsewhere, as distorted digits are
        if (trial % 2 == 1 && random.nextDouble() < 0.3) {
          digits[p] = Math.max(digits[p], (float) random.nextDouble(0, 0.2));
        }
      }
      int[] chosen = new int[n];
      int[] xs = new int[n];
      int[] ys = new int[n];
      for (int i = 0; i < n; i++) {
        chosen[i] = random.nextInt(5);
        xs[i] = -6 + i * 18 + random.nextInt(-5, 6);
        ys[i] = random.nextInt(-3, 7);
      }
      int w = (n * 18 + 20) * 2;
      int h = 72;
      SearchPieces.Drawn painted = SearchPieces.paint(digits, chosen, xs, ys, w, h);
      float[] ink = new float[w * h];
      int[] owner = new int[w * h];
      java.util.Arrays.fill(owner, -1);
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            float v = (float) Bilinear.sample(digits, chosen[i] * 784, 28, 28,
                (x + 0.5) / 2 - 0.5 - xs[i], (y + 0.5) / 2 - 0.5 - ys[i]);
            if (v > ink[y * w + x]) {
              ink[y * w + x] = v;
              owner[y * w + x] = v > 0.05f ? i : owner[y * w + x];
            }
          }
        }
      }
      assertArrayEquals(owner, painted.owner(), "owners, trial " + trial);
      var raster = painted.picture().getRaster();
      for (int p = 0; p < ink.length; p++) {
        assertEquals(Math.round(255 * (1 - Math.min(1, ink[p]))), raster.getSample(p % w, p / w, 0),
            "pixel " + p + ", trial " + trial);
      }
    }
  }

  @Test
  void theSameSeedCutsTheSamePieces() {
    SearchPieces.Pieces a = SearchPieces.draw(shapes(LABELS), LABELS, 50, 0.3, 9);
    SearchPieces.Pieces b = SearchPieces.draw(shapes(LABELS), LABELS, 50, 0.3, 9);
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.images(), b.images());
  }

  @Test
  void tooFewOrBlankDigitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SearchPieces.draw(new float[784], new int[] {3}, 10, 0.3, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SearchPieces.draw(new float[2 * 784], new int[] {3, 4}, 10, 0.3, 1));
    assertTrue(e.getMessage().startsWith("Cannot cut 10 pieces"), e.getMessage());
  }
}
