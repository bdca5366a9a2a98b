package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A layer that computes {@code activation(x * kernel + bias)}, a convolution or a dense layer, its weights named
 * {@code <name>_kernel} and {@code <name>_bias}. A {@link BatchNorm} right after one without an activation is, at
 * inference, the same layer with another kernel and bias ({@link BatchNorm#foldInto}).
 */
public interface Affine extends Layer {
  Activation activation();

  /** The layer's math with {@code kernel} and {@code bias} in place of its own weights. */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias);

  @Override
  default Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    return apply(tf, x, context.weight(name() + "_kernel"), context.weight(name() + "_bias"));
  }
}
