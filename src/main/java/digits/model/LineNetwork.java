package digits.model;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An architecture bound to a line of digits: a line image {@code [batch, height, width, 1]} float32 in [0, 1] goes
 * in, is standardized inside the graph, passes the layers, and comes out as {@code [batch, frames, classes + 1]}
 * logits: for each column of the line ({@link Columns}), one per digit class and one for "blank" (the last), the
 * frames that connectionist temporal classification reads a line from.
 */
public record LineNetwork(Architecture architecture, int height, int width, int classes) {
  /**
   * The line model of the {@code reader} profile: two blocks of convolutions that quarter the line's width, then
   * its columns as a sequence, each seen with its neighbours (a 3-wide convolution over columns).
   */
  public static final String ARCHITECTURE = "conv(32,3,same) bn relu pool(2) conv(64,3,same) bn relu pool(2) "
      + "conv(96,3,same) bn relu conv(96,3,same) bn relu columns conv(192,1) bn relu dropout(0.3) "
      + "conv(192,3,same) bn relu dropout(0.3) conv(11,1)";
  /** Ink pixels are standardized with MNIST's mean and spread: lines are mostly paper, as its digits are. */
  private static final float MEAN = 0.13f;
  private static final float STD = 0.3f;

  public LineNetwork {
    long[] out = architecture.summary(new long[] {height, width, 1}).get(architecture.layers().size() - 1)
        .outputShape();
    if (out.length != 3 || out[0] != 1 || out[2] != classes + 1) {
      throw new IllegalArgumentException("Expected a line architecture to end in [1, frames, " + (classes + 1)
          + "] (columns, then conv(" + (classes + 1) + ",1)), received " + Shapes.format(out));
    }
  }

  /** Frames per line: the columns the last layer gives. */
  public int frames() {
    return (int) architecture.summary(inputShape()).get(architecture.layers().size() - 1).outputShape()[1];
  }

  public long[] inputShape() {
    return new long[] {height, width, 1};
  }

  public List<WeightSpec> weightSpecs() {
    return architecture.weights(inputShape());
  }

  public Map<String, float[]> initialWeights(long seed) {
    return architecture.initialWeights(inputShape(), seed);
  }

  public Map<String, Variable<TFloat32>> createVariables(Ops tf, Map<String, float[]> values) {
    return architecture.createVariables(tf, inputShape(), values);
  }

  public long parameterCount() {
    return architecture.parameterCount(inputShape());
  }

  /** Logits {@code [batch, frames(), classes + 1]} for line images {@code [batch, height, width, 1]}. */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images, ForwardContext context) {
    Operand<TFloat32> x = tf.math.div(tf.math.sub(images, tf.constant(MEAN)), tf.constant(STD));
    x = architecture.apply(tf, x, context);
    return tf.reshape(x, tf.constant(new int[] {-1, frames(), classes + 1}));
  }
}
