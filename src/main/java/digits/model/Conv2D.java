package digits.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** 2-D convolution, stride 1, then bias and activation. Input {@code [h, w, c]}, output {@code [h', w', filters]}. */
public record Conv2D(String name, int filters, int kernel, Activation activation, boolean same,
    WeightSpec.Init init) implements Affine {
  public Conv2D {
    if (filters < 1 || kernel < 1) {
      throw new IllegalArgumentException("Expected conv filters >= 1 and kernel >= 1, received filters="
          + filters + " kernel=" + kernel);
    }
  }

  @Override
  public long[] outputShape(long[] input) {
    Shapes.expectRank(name, input, 3);
    long h = same ? input[0] : input[0] - kernel + 1;
    long w = same ? input[1] : input[1] - kernel + 1;
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException("Expected an input of at least " + kernel + "x" + kernel + " for " + name
          + ", received " + Shapes.format(input));
    }
    return new long[] {h, w, filters};
  }

  @Override
  public List<WeightSpec> weights(long[] input) {
    long area = (long) kernel * kernel;
    return List.of(
        new WeightSpec(name + "_kernel", new long[] {kernel, kernel, input[2], filters}, init,
            area * input[2], area * filters, true),
        new WeightSpec(name + "_bias", new long[] {filters}, WeightSpec.Init.ZEROS, 1, 1, true));
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weights, Operand<TFloat32> bias) {
    Operand<TFloat32> y = tf.nn.conv2d(x, weights, List.of(1L, 1L, 1L, 1L), same ? "SAME" : "VALID");
    return activation.apply(tf, tf.nn.biasAdd(y, bias));
  }

  @Override
  public String describe() {
    return "Conv2D(" + filters + ", " + kernel + "x" + kernel + (same ? ", same" : "") + ", "
        + activation.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
