package digits.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Fully connected layer: {@code activation(x kernel + bias)}. Input {@code [n]}, output {@code [units]}. */
public record Dense(String name, int units, Activation activation, WeightSpec.Init init) implements Affine {
  public Dense {
    if (units < 1) {
      throw new IllegalArgumentException("Expected dense units >= 1, received " + units);
    }
  }

  @Override
  public long[] outputShape(long[] input) {
    Shapes.expectRank(name, input, 1);
    return new long[] {units};
  }

  @Override
  public List<WeightSpec> weights(long[] input) {
    return List.of(
        new WeightSpec(name + "_kernel", new long[] {input[0], units}, init, input[0], units, true),
        new WeightSpec(name + "_bias", new long[] {units}, WeightSpec.Init.ZEROS, 1, 1, true));
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    return activation.apply(tf, tf.nn.biasAdd(tf.linalg.matMul(x, kernel), bias));
  }

  @Override
  public String describe() {
    return "Dense(" + units + ", " + activation.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
