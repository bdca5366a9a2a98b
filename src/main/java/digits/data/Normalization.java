package digits.data;

/**
 * Maps pixels to model inputs: {@code (p / 255 - mean) / std}. {@link #UNIT} gives [0, 1], which is what the
 * exported model expects (it standardizes inside its own graph).
 */
public record Normalization(float mean, float std) {
  public static final Normalization UNIT = new Normalization(0f, 1f);

  public Normalization {
    if (!(std > 0) || !Float.isFinite(mean)) {
      throw new IllegalArgumentException("Expected a finite mean and std > 0, received mean=" + mean + " std=" + std);
    }
  }

  /** The mean and standard deviation of the pixels (in [0, 1]) of {@code data}. */
  public static Normalization of(LabeledImages data) {
    long sum = 0;
    long sumSquares = 0;
    for (byte b : data.pixels()) {
      int p = b & 0xFF;
      sum += p;
      sumSquares += (long) p * p;
    }
    double n = data.pixels().length;
    double mean = sum / n;
    double variance = sumSquares / n - mean * mean;
    return new Normalization((float) (mean / 255), (float) (Math.sqrt(Math.max(variance, 0)) / 255));
  }

  public boolean isIdentity() {
    return mean == 0f && std == 1f;
  }

  /** Applies the normalization to {@code values[from, to)} that are already in [0, 1]. */
  public void applyInPlace(float[] values, int from, int to) {
    if (isIdentity()) {
      return;
    }
    float inv = 1f / std;
    for (int i = from; i < to; i++) {
      values[i] = (values[i] - mean) * inv;
    }
  }
}
