package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarpTest {
  private static final int N = 28;
  private final LabeledImages data = Fixtures.blocks(10, 10, 7);
  private final Augmentation everything = Augmentation.affine(15, 0.15, 3).withShear(10).withElastic(2, 4);

  private float[] unit(int image) {
    float[] x = new float[N * N];
    for (int i = 0; i < x.length; i++) {
      x[i] = (data.pixels()[image * N * N + i] & 0xFF) * (1f / 255f); // as the pipeline scales
    }
    return x;
  }

  private static double[] centroid(float[] x) {
    double sx = 0;
    double sy = 0;
    double m = 0;
    for (int y = 0; y < N; y++) {
      for (int c = 0; c < N; c++) {
        double v = x[y * N + c];
        sx += v * c;
        sy += v * y;
        m += v;
      }
    }
    return new double[] {sx / m, sy / m};
  }

  @Test
  void identityGivesTheIdenticalImage() {
    Warp warp = new Warp(N, N, everything);
    float[] out = new float[N * N];
    for (int i = 0; i < data.size(); i++) {
      warp.apply(Warp.Affine.IDENTITY, data.pixels(), i * N * N, out, 0);
      assertArrayEquals(unit(i), out);
    }
    Warp.Affine identity = Warp.Affine.of(0, 1, 0, 0, 0, false, false);
    new Warp(N, N, Augmentation.NONE).apply(identity, data.pixels(), 0, out, 0);
    assertArrayEquals(unit(0), out, 1e-6f);
  }

  @ParameterizedTest
  @CsvSource({"3,0", "0,-2", "-4,5", "1,1"})
  void aShiftOfKPixelsMovesTheInkCentroidByK(int dx, int dy) {
    // A blob away from the border so that nothing is shifted out.
    byte[] img = new byte[N * N];
    for (int y = 10; y < 17; y++) {
      for (int x = 9; x < 15; x++) {
        img[y * N + x] = (byte) (40 * (x - 8) + y);
      }
    }
    float[] before = new float[N * N];
    float[] after = new float[N * N];
    Warp warp = new Warp(N, N, Augmentation.NONE);
    warp.apply(Warp.Affine.IDENTITY, img, 0, before, 0);
    warp.apply(Warp.Affine.of(0, 1, 0, dx, dy, false, false), img, 0, after, 0);
    double[] c0 = centroid(before);
    double[] c1 = centroid(after);
    assertEquals(c0[0] + dx, c1[0], 1e-4);
    assertEquals(c0[1] + dy, c1[1], 1e-4);
  }

  @Test
  void rotationAboutTheCentreKeepsTheCentroidOfACentredBlob() {
    byte[] img = new byte[N * N];
    for (int y = 11; y < 17; y++) {
      for (int x = 11; x < 17; x++) {
        img[y * N + x] = (byte) 255;
      }
    }
    float[] out = new float[N * N];
    new Warp(N, N, Augmentation.NONE).apply(Warp.Affine.of(30, 1, 0, 0, 0, false, false), img, 0, out, 0);
    double[] c = centroid(out);
    assertEquals(13.5, c[0], 1e-3);
    assertEquals(13.5, c[1], 1e-3);
  }

  @Test
  void pixelsStayInUnitRangeAndSeedsMatter() {
    Warp warp = new Warp(N, N, everything);
    float[] a = new float[N * N];
    float[] b = new float[N * N];
    float[] c = new float[N * N];
    for (int i = 0; i < data.size(); i++) {
      warp.apply(data.pixels(), i * N * N, a, 0, new SplittableRandom(1));
      for (float v : a) {
        assertTrue(v >= 0f && v <= 1f, "pixel " + v);
      }
      warp.apply(data.pixels(), i * N * N, b, 0, new SplittableRandom(2));
      warp.apply(data.pixels(), i * N * N, c, 0, new SplittableRandom(1));
      assertFalse(Arrays.equals(a, b), "different seeds differ");
      assertArrayEquals(a, c, "same seed, same image");
    }
  }

  @Test
  void noFlipsUnlessAskedFor() {
    assertFalse(Augmentation.NONE.flipHorizontal() || Augmentation.NONE.flipVertical());
    assertFalse(Augmentation.affine(10, 0.1, 2).flipHorizontal());
    // A mirror map sends the left column to the right one.
    byte[] img = new byte[N * N];
    img[5 * N] = (byte) 255;
    float[] out = new float[N * N];
    new Warp(N, N, Augmentation.NONE).apply(Warp.Affine.of(0, 1, 0, 0, 0, true, false), img, 0, out, 0);
    assertEquals(1f, out[5 * N + N - 1]);
  }
}
