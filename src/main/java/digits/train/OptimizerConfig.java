package digits.train;

/**
 * The optimizer and its hyperparameters. Weight decay is decoupled (AdamW / SGDW style) and applies to kernels
 * only, not to biases or batch-norm parameters.
 */
public record OptimizerConfig(Kind kind, double learningRate, double beta1, double beta2, double epsilon,
    double momentum, boolean nesterov, double weightDecay) {

  /** Which update rule. */
  public enum Kind { ADAM, SGD }

  public static final double BETA1 = 0.9;
  public static final double BETA2 = 0.999;
  public static final double EPSILON = 1e-7;

  public OptimizerConfig {
    positive("learning_rate", learningRate);
    range("beta1", beta1, 0, 1);
    range("beta2", beta2, 0, 1);
    positive("epsilon", epsilon);
    range("momentum", momentum, 0, 1);
    range("weight_decay", weightDecay, 0, 1);
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("Expected " + name + " > 0, received " + v);
    }
  }

  private static void range(String name, double v, double min, double maxExclusive) {
    if (!(v >= min && v < maxExclusive)) {
      throw new IllegalArgumentException("Expected " + name + " in [" + min + ", " + maxExclusive + "), received " + v);
    }
  }
}
