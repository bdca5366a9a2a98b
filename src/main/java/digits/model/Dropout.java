package digits.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Inverted dropout: in training, zeroes each value with probability {@code rate} and scales the rest by
 * {@code 1 / (1 - rate)}; at inference, the identity. The mask comes from a stateless random op keyed by the
 * step's seed and this layer's index, so a run is reproducible and resumable.
 */
public record Dropout(String name, double rate, int index) implements Layer {
  public Dropout {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Expected a dropout rate in [0, 1), received " + rate);
    }
  }

  @Override
  public long[] outputShape(long[] input) {
    return input.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    if (!context.training() || rate == 0) {
      return x;
    }
    Operand<TInt64> seed = tf.math.add(context.seed(), tf.constant(new long[] {0, 1_000_003L * (index + 1)}));
    Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), seed, TFloat32.class);
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant((float) rate)),
        TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, tf.constant((float) (1 / (1 - rate)))));
  }

  @Override
  public String describe() {
    return "Dropout(" + rate + ")";
  }
}
