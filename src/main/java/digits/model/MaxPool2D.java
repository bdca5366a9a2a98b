package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/** Max pooling over {@code size x size} windows with stride {@code size}; the remainder is dropped (VALID). */
public record MaxPool2D(String name, int size) implements Layer {
  public MaxPool2D {
    if (size < 1) {
      throw new IllegalArgumentException("Expected pool size >= 1, received " + size);
    }
  }

  @Override
  public long[] outputShape(long[] input) {
    Shapes.expectRank(name, input, 3);
    if (input[0] < size || input[1] < size) {
      throw new IllegalArgumentException("Expected an input of at least " + size + "x" + size + " for " + name
          + ", received " + Shapes.format(input));
    }
    return new long[] {input[0] / size, input[1] / size, input[2]};
  }

  /**
   * Built as TensorFlow's {@code MaxPool} op (window and stride as attributes), not the {@code MaxPoolV2} that
   * {@code tf.nn.maxPool} makes (window and stride as tensors): only the former is rewritten to oneDNN kernels on
   * CPU, and its gradient runs several times faster ({@code digits bench step}).
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    long[] window = {1, size, size, 1};
    return tf.scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput()).setAttr("T", DataType.DT_FLOAT)
        .setAttr("ksize", window).setAttr("strides", window).setAttr("padding", "VALID").build().output(0);
  }

  @Override
  public String describe() {
    return "MaxPool2D(" + size + "x" + size + ")";
  }
}
