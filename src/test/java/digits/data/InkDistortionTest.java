package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InkDistortionTest {
  private static final int N = 28;

  /** A 3-pixel-wide vertical bar of full ink. */
  private static float[] bar() {
    float[] x = new float[N * N];
    for (int y = 6; y < 22; y++) {
      for (int c = 13; c < 16; c++) {
        x[y * N + c] = 1;
      }
    }
    return x;
  }

  private static double ink(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s;
  }

  @Test
  void dilationThickensAndErosionThins() {
    InkDistortion d = new InkDistortion(N, N, InkAugmentation.NONE);
    float[] thick = bar();
    d.thickness(thick, 0, true, 1, true);
    float[] thin = bar();
    d.thickness(thin, 0, false, 1, false);
    assertTrue(ink(thick) > ink(bar()) * 1.5, "dilated " + ink(thick));
    assertTrue(ink(thin) < ink(bar()) * 0.7, "eroded " + ink(thin));
  }

  @Test
  void aGapErasesInkAroundOneStrokePixel() {
    float[] x = bar();
    new InkDistortion(N, N, InkAugmentation.NONE).gap(x, 0, new SplittableRandom(1));
    double lost = ink(bar()) - ink(x);
    assertTrue(lost >= 2 && lost <= 12, "erased " + lost);
  }

  @Test
  void aLowResolutionRoundTripKeepsTheInkWhereItWas() {
    float[] x = bar();
    new InkDistortion(N, N, InkAugmentation.NONE).roundTrip(x, 0, 9);
    assertEquals(1f, max(x), 1e-6);
    assertTrue(x[14 * N + 14] > 0.5f && x[14 * N + 2] < 0.05f);
    assertNotEquals(ink(bar()), ink(x), 1e-3);
  }

  @Test
  void everyDistortionStaysFiniteAndInRangeEvenOnEmptyOrFaintImages() {
    InkDistortion d = new InkDistortion(N, N, new InkAugmentation(1, 1, 1, 1, 1));
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      float[] x = i % 3 == 0 ? new float[N * N] : bar();
      if (i % 3 == 1) {
        for (int p = 0; p < x.length; p++) {
          x[p] *= 1e-30f; // a digit warped nearly out of the frame
        }
      }
      d.apply(x, 0, r);
      for (float v : x) {
        assertTrue(v >= 0 && v <= 1, "value " + v + " at draw " + i);
      }
    }
  }

  @Test
  void theSameRandomGivesTheSameImage() {
    InkDistortion d = new InkDistortion(N, N, new InkAugmentation(0.5, 0.5, 0.5, 0.5, 0.5));
    float[] a = bar();
    float[] b = bar();
    d.apply(a, 0, new SplittableRandom(9));
    d.apply(b, 0, new SplittableRandom(9));
    assertArrayEquals(a, b);
  }

  @Test
  void probabilitiesOutsideZeroToOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InkAugmentation(1.5, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new InkAugmentation(0, -0.1, 0, 0, 0));
  }

  private static float max(float[] x) {
    float m = 0;
    for (float v : x) {
      m = Math.max(m, v);
    }
    return m;
  }
}
