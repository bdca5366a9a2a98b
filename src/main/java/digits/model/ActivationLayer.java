package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** An activation on its own, as after a batch norm: {@code conv(32,3,linear) bn relu}. */
public record ActivationLayer(String name, Activation activation) implements Layer {
  @Override
  public long[] outputShape(long[] input) {
    return input.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    return activation.apply(tf, x);
  }

  @Override
  public String describe() {
    return "Activation(" + activation.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
