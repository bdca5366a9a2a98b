package digits.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import digits.predict.ink.Background;
import digits.predict.segment.Segmenter;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast versions of the preprocessing's order statistics and dilation agree with the plain ones. */
class FastPathsTest {
  @Test
  void selectGivesWhatASortPutsAtThatRank() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      float[] v = new float[1 + random.nextInt(300)];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(20) / 19f; // many ties, as paper pixels have
      }
      if (trial % 4 == 3) {
        v[random.nextInt(v.length)] = -random.nextInt(5) / 4f; // below 0: no zeros to count aside
      }
      float[] before = v.clone();
      float[] sorted = v.clone();
      Arrays.sort(sorted);
      int k = random.nextInt(v.length);
      assertEquals(sorted[k], Background.select(v.clone(), k));
      assertEquals(sorted[Math.min(v.length - 1, (int) (0.3f * v.length))], Background.percentile(v, 0.3f));
      float median = sorted[v.length / 2];
      float p80 = sorted[(int) (0.8 * (v.length - 1))];
      assertEquals((float) Math.min(0.9f, median + 2.0 * (p80 - median) / 0.84),
          new digits.predict.ink.InkImage(v, v.length, 1).noiseCeiling(2.0, 0.9f), 0f);
      assertArrayEquals(before, v, "the values stay as they were");
    }
  }

  @Test
  void dilationGrowsEveryPixelIntoItsSquare() {
    Random random = new Random(6);
    for (int trial = 0; trial < 50; trial++) {
      int w = 1 + random.nextInt(30);
      int h = 1 + random.nextInt(30);
      int r = random.nextInt(4);
      boolean[] mask = new boolean[w * h];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = random.nextInt(12) == 0;
      }
      boolean[] expected = new boolean[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (mask[y * w + x]) {
            for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
              for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                expected[yy * w + xx] = true;
              }
            }
          }
        }
      }
      assertArrayEquals(expected, Segmenter.dilate(mask, w, h, r), w + "x" + h + " r " + r);
    }
  }
}
