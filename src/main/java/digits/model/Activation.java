package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise activations. */
public enum Activation {
  LINEAR, RELU, ELU;

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case ELU -> tf.nn.elu(x);
    };
  }

  /** The activation named {@code name} ("relu", "elu", "linear"/"none"). */
  public static Activation parse(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "relu" -> RELU;
      case "elu" -> ELU;
      case "linear", "none" -> LINEAR;
      default -> throw new IllegalArgumentException(
          "Expected an activation (relu, elu, linear), received '" + name + "'");
    };
  }
}
