package digits.model;

import digits.data.Normalization;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An architecture bound to an input: images {@code [batch, height, width, 1]} float32 in [0, 1] go in, are
 * standardized inside the graph with {@code input}'s mean and std, pass the layers, and come out as
 * {@code [batch, outputs]} logits: one per class, and one more when {@code nonDigitClass} (the network also says
 * when an image is not one digit; trained with {@link digits.data.Augmentation#nonDigits()}).
 */
public record Network(Architecture architecture, int height, int width, int classes, Normalization input,
    boolean nonDigitClass) {
  public Network {
    architecture.validate(new long[] {height, width, 1}, classes + (nonDigitClass ? 1 : 0));
  }

  /** A network with one output per class. */
  public Network(Architecture architecture, int height, int width, int classes, Normalization input) {
    this(architecture, height, width, classes, input, false);
  }

  /** Logits per image: the classes, then the non-digit class if there is one. */
  public int outputs() {
    return classes + (nonDigitClass ? 1 : 0);
  }

  /** The classes' logits {@code [batch, classes]} among {@link #logits} (all of them without a non-digit class). */
  public Operand<TFloat32> classLogits(Ops tf, Operand<TFloat32> logits) {
    return nonDigitClass ? tf.slice(logits, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, classes}))
        : logits;
  }

  /** The probability {@code [batch]} that each image is not one digit, from all {@link #logits}. */
  public Operand<TFloat32> nonDigitProbability(Ops tf, Operand<TFloat32> logits) {
    var p = tf.nn.softmax(logits);
    return tf.reshape(tf.slice(p, tf.constant(new int[] {0, classes}), tf.constant(new int[] {-1, 1})),
        tf.constant(new int[] {-1}));
  }

  public long[] inputShape() {
    return new long[] {height, width, 1};
  }

  public List<WeightSpec> weightSpecs() {
    return architecture.weights(inputShape());
  }

  /** Floating-point operations of one training image: about three forward passes (see {@link Architecture#forwardFlops}). */
  public long trainingFlopsPerImage() {
    return 3 * architecture.forwardFlops(inputShape());
  }

  public long parameterCount() {
    return architecture.parameterCount(inputShape());
  }

  public String summary() {
    return architecture.formatSummary(inputShape());
  }

  /** Fresh weights from the seeded initializers, in layer order. */
  public Map<String, float[]> initialWeights(long seed) {
    return architecture.initialWeights(inputShape(), seed);
  }

  /** Creates one variable per weight, each starting from {@code values} (registered as graph initializers). */
  public Map<String, Variable<TFloat32>> createVariables(Ops tf, Map<String, float[]> values) {
    return architecture.createVariables(tf, inputShape(), values);
  }

  /** Logits {@code [batch, outputs()]} for {@code images} {@code [batch, height, width, 1]} in [0, 1]. */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images, ForwardContext context) {
    Operand<TFloat32> x = images;
    if (!input.isIdentity()) {
      x = tf.math.div(tf.math.sub(x, tf.constant(input.mean())), tf.constant(input.std()));
    }
    x = architecture.apply(tf, x, context);
    return x;
  }
}
