package digits.model;

import java.util.SplittableRandom;

/**
 * Weight initializers computed in Java from a seeded random source (the framework's uniform variance-scaling
 * initializers draw from {@code [0, limit)} and mis-count conv fans in 1.1.0, so they are not used).
 */
public final class Initializers {
  private Initializers() {}

  /** Glorot (Xavier) uniform: {@code U(-l, l)} with {@code l = sqrt(6 / (fanIn + fanOut))}. */
  public static float[] glorotUniform(int size, long fanIn, long fanOut, SplittableRandom random) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) random.nextDouble(-limit, limit);
    }
    return w;
  }

  /**
   * He normal: truncated normal (redrawn beyond 2 standard deviations) with {@code std = sqrt(2 / fanIn) / 0.8796},
   * the correction that restores the variance lost to truncation, as Keras does.
   */
  public static float[] heNormal(int size, long fanIn, SplittableRandom random) {
    double std = Math.sqrt(2.0 / fanIn) / 0.87962566103423978;
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      double z;
      do {
        z = gaussian(random);
      } while (Math.abs(z) > 2);
      w[i] = (float) (z * std);
    }
    return w;
  }

  /** The initial values of {@code spec}. */
  public static float[] initialValues(WeightSpec spec, SplittableRandom random) {
    int size = Math.toIntExact(spec.size());
    return switch (spec.init()) {
      case GLOROT_UNIFORM -> glorotUniform(size, spec.fanIn(), spec.fanOut(), random);
      case HE_NORMAL -> heNormal(size, spec.fanIn(), random);
      case ZEROS -> new float[size];
      case ONES -> filled(size, 1f);
    };
  }

  private static float[] filled(int size, float value) {
    float[] w = new float[size];
    java.util.Arrays.fill(w, value);
    return w;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
