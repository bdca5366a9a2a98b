package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Reshapes {@code [h, w, c]} (or any shape) into one vector per example. */
public record Flatten(String name) implements Layer {
  @Override
  public long[] outputShape(long[] input) {
    return new long[] {Shapes.size(input)};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    long features = 1;
    for (int i = 1; i < x.shape().numDimensions(); i++) {
      features *= x.shape().get(i);
    }
    return tf.reshape(x, tf.constant(new long[] {-1, features}));
  }

  @Override
  public String describe() {
    return "Flatten";
  }
}
