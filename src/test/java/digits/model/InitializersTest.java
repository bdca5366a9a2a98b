package digits.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {
  private static double mean(float[] w) {
    double s = 0;
    for (float v : w) {
      s += v;
    }
    return s / w.length;
  }

  private static double variance(float[] w) {
    double m = mean(w);
    double s = 0;
    for (float v : w) {
      s += (v - m) * (v - m);
    }
    return s / w.length;
  }

  @Test
  void glorotUniformIsSymmetricWithinTheLimit() {
    // A 3x3x32x64 conv kernel: fan_in = 288, fan_out = 576, limit = sqrt(6 / 864).
    float[] w = Initializers.glorotUniform(3 * 3 * 32 * 64, 288, 576, new SplittableRandom(1));
    double limit = Math.sqrt(6.0 / 864);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (float v : w) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(min >= -limit && max <= limit);
    assertTrue(min < -0.98 * limit && max > 0.98 * limit, "fills both signs: " + min + " " + max);
    assertEquals(0, mean(w), 0.002);
    assertEquals(limit * limit / 3, variance(w), 0.03 * limit * limit / 3);
  }

  @Test
  void heNormalHasVarianceTwoOverFanIn() {
    float[] w = Initializers.heNormal(200_000, 100, new SplittableRandom(2));
    assertEquals(0, mean(w), 0.001);
    assertEquals(2.0 / 100, variance(w), 0.02 * 2.0 / 100);
    double bound = 2 * Math.sqrt(2.0 / 100) / 0.87962566103423978;
    for (float v : w) {
      assertTrue(Math.abs(v) <= bound + 1e-6);
    }
  }

  @Test
  void sameSeedSameWeights() {
    assertArrayEquals(Initializers.glorotUniform(100, 10, 10, new SplittableRandom(5)),
        Initializers.glorotUniform(100, 10, 10, new SplittableRandom(5)));
  }
}
