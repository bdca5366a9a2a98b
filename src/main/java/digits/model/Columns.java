package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Turns an image's features {@code [h, w, c]} into a sequence of its columns, left to right: {@code [1, w, h * c]}.
 * A {@code conv(n, 1)} after it is a dense layer applied to every column; a line model's last layer gives each
 * column a class (a digit, or nothing there yet) to read the line from.
 */
public record Columns(String name) implements Layer {
  @Override
  public long[] outputShape(long[] input) {
    Shapes.expectRank(name, input, 3);
    return new long[] {1, input[1], input[0] * input[2]};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    long c = x.shape().get(3);
    Operand<TFloat32> columnsFirst = tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1, 3}));
    return tf.reshape(columnsFirst, tf.constant(new long[] {-1, 1, w, h * c}));
  }

  @Override
  public String describe() {
    return "Columns";
  }
}
