package digits.train;

/**
 * A learning-rate schedule, evaluated in Java each step and fed to the graph.
 *
 * @param kind the shape of the curve
 * @param warmupFraction share of all steps spent ramping up (cosine, one-cycle)
 * @param stepEpochs for STEP: multiply by {@code gamma} every this many epochs
 * @param gamma for STEP: the factor
 */
public record Schedule(Kind kind, double warmupFraction, int stepEpochs, double gamma) {
  /** Curve shapes. */
  public enum Kind { CONSTANT, STEP, COSINE, ONE_CYCLE }

  /** One-cycle starts at peak / 25 and ends at peak / 25 / 10^4, as in Smith's and PyTorch's defaults. */
  public static final double ONE_CYCLE_DIV = 25;
  public static final double ONE_CYCLE_FINAL_DIV = 1e4;

  public Schedule {
    if (!(warmupFraction >= 0 && warmupFraction < 1)) {
      throw new IllegalArgumentException("Expected warmup in [0, 1), received " + warmupFraction);
    }
    if (stepEpochs < 1) {
      throw new IllegalArgumentException("Expected step_epochs >= 1, received " + stepEpochs);
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("Expected gamma in (0, 1], received " + gamma);
    }
  }

  public static Schedule constant() {
    return new Schedule(Kind.CONSTANT, 0, 1, 1);
  }

  /**
   * The rate at {@code step} (0-based) of {@code totalSteps}, with {@code stepsPerEpoch} steps per epoch, for a
   * base (peak) rate {@code base}.
   */
  public double rate(double base, long step, long stepsPerEpoch, long totalSteps) {
    double progress = totalSteps <= 1 ? 0 : (double) step / (totalSteps - 1);
    return switch (kind) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(gamma, (double) (step / stepsPerEpoch / stepEpochs));
      case COSINE -> progress < warmupFraction
          ? base * (step + 1) / Math.max(1, warmupFraction * totalSteps)
          : base * 0.5 * (1 + Math.cos(Math.PI * (progress - warmupFraction) / (1 - warmupFraction)));
      case ONE_CYCLE -> {
        double start = base / ONE_CYCLE_DIV;
        double end = start / ONE_CYCLE_FINAL_DIV;
        if (progress < warmupFraction) {
          yield cosine(start, base, progress / warmupFraction);
        }
        yield cosine(base, end, (progress - warmupFraction) / (1 - warmupFraction));
      }
    };
  }

  /** Cosine interpolation from {@code from} (t = 0) to {@code to} (t = 1). */
  private static double cosine(double from, double to, double t) {
    return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, t))));
  }
}
