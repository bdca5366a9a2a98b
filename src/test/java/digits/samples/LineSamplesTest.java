package digits.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.ink.InkImage;
import digits.predict.segment.LineInput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineSamplesTest {
  /** Ten block digits: digit d is a bar d + 4 pixels wide, full height of the 20-pixel box. */
  private static final LineSamples.Digits BARS = new LineSamples.Digits() {
    @Override
    public int size() {
      return 10;
    }

    @Override
    public int label(int index) {
      return index;
    }

    @Override
    public void draw(int index, float[] out, int offset, SplittableRandom random) {
      for (int y = 4; y < 24; y++) {
        for (int x = 14 - (index + 4) / 2; x < 14 - (index + 4) / 2 + index + 4; x++) {
          out[offset + y * 28 + x] = 1;
        }
      }
    }
  };

  @Test
  void linesHoldOneToTenDigitsLabelledInOrderAndAreReproducible() {
    LineSamples.Lines lines = LineSamples.draw(BARS, 0, 60, 7);
    assertEquals(60, lines.size());
    int pixels = LineInput.HEIGHT * LineInput.WIDTH;
    int singles = 0;
    for (int i = 0; i < 60; i++) {
      int n = 0;
      while (n < LineInput.MAX_DIGITS && lines.labels()[i * LineInput.MAX_DIGITS + n] >= 0) {
        n++;
      }
      for (int k = n; k < LineInput.MAX_DIGITS; k++) {
        assertEquals(-1, lines.labels()[i * LineInput.MAX_DIGITS + k], "slots after the last digit are -1");
      }
      assertTrue(n >= 1 && n <= LineInput.MAX_DIGITS);
      singles += n == 1 ? 1 : 0;
      float max = 0;
      for (int p = 0; p < pixels; p++) {
        float v = lines.images()[i * pixels + p];
        assertTrue(v >= 0 && v <= 1);
        max = Math.max(max, v);
      }
      assertEquals(1f, max, 1e-6f, "the line's darkest ink is 1");
    }
    assertTrue(singles > 0 && singles < 20, singles + " single digits in 60 lines");
    LineSamples.Lines again = LineSamples.draw(BARS, 10, 5, 7);
    int from = 10 * pixels;
    for (int i = 0; i < 5 * pixels; i++) {
      assertEquals(lines.images()[from + i], again.images()[i], "line " + (10 + i / pixels) + " drawn alone");
    }
    assertArrayEquals(java.util.Arrays.copyOfRange(lines.labels(), 10 * LineInput.MAX_DIGITS,
        15 * LineInput.MAX_DIGITS), again.labels());
  }

  @Test
  void aLineIsScaledToTheInkHeightAndPlacedAtTheLeft() {
    // ink 60 pixels high and 90 wide, starting at (30, 15)
    float[] v = new float[200 * 100];
    for (int y = 15; y < 75; y++) {
      for (int x = 30; x < 120; x++) {
        v[y * 200 + x] = 0.5f;
      }
    }
    float[] in = LineInput.prepare(new InkImage(v, 200, 100));
    int top = (LineInput.HEIGHT - LineInput.INK_HEIGHT) / 2;
    assertEquals(1f, in[top * LineInput.WIDTH + 4], 1e-6f, "darkest ink becomes 1");
    assertEquals(0f, in[(top - 1) * LineInput.WIDTH + 4]);
    assertEquals(0f, in[top * LineInput.WIDTH + 3]);
    assertEquals(1f, in[(top + LineInput.INK_HEIGHT - 1) * LineInput.WIDTH + 4 + 29], 1e-6f, "90 x 60 -> 30 x 20");
    assertEquals(0f, in[top * LineInput.WIDTH + 4 + 30]);
    assertArrayEquals(new float[LineInput.HEIGHT * LineInput.WIDTH], LineInput.prepare(new InkImage(new float[100],
        10, 10)), "no ink: an empty line");
  }

  @Test
  void noDigitsIsOneClearError() {
    LineSamples.Digits none = new LineSamples.Digits() {
      @Override
      public int size() {
        return 0;
      }

      @Override
      public int label(int index) {
        return 0;
      }

      @Override
      public void draw(int index, float[] out, int offset, SplittableRandom random) {}
    };
    assertEquals("Expected digits to draw lines from, received none",
        assertThrows(IllegalArgumentException.class, () -> LineSamples.draw(none, 0, 1, 1)).getMessage());
  }
}
