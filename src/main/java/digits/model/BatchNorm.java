package digits.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalization over the last axis (channels or units). Training normalizes with the batch's mean and
 * variance and queues updates of the moving averages; inference uses the moving averages. Built from primitive
 * ops, which all have gradients in TensorFlow's C++ registry.
 */
public record BatchNorm(String name, double momentum, double epsilon) implements Layer {
  public static final double MOMENTUM = 0.99;
  public static final double EPSILON = 1e-3;

  @Override
  public long[] outputShape(long[] input) {
    return input.clone();
  }

  @Override
  public List<WeightSpec> weights(long[] input) {
    long[] channels = {input[input.length - 1]};
    return List.of(
        new WeightSpec(name + "_gamma", channels, WeightSpec.Init.ONES, 1, 1, true),
        new WeightSpec(name + "_beta", channels, WeightSpec.Init.ZEROS, 1, 1, true),
        new WeightSpec(name + "_moving_mean", channels, WeightSpec.Init.ZEROS, 1, 1, false),
        new WeightSpec(name + "_moving_variance", channels, WeightSpec.Init.ONES, 1, 1, false));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    var movingMean = context.weight(name + "_moving_mean");
    var movingVariance = context.weight(name + "_moving_variance");
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    if (context.training()) {
      int rank = x.shape().numDimensions();
      int[] axes = new int[rank - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      var reduce = tf.constant(axes);
      mean = tf.math.mean(x, reduce);
      variance = tf.math.mean(tf.math.square(tf.math.sub(x, mean)), reduce);
      var decay = tf.constant((float) (1 - momentum));
      context.updates().add(tf.assignSub(movingMean,
          tf.math.mul(tf.math.sub(movingMean, tf.stopGradient(mean)), decay)));
      context.updates().add(tf.assignSub(movingVariance,
          tf.math.mul(tf.math.sub(movingVariance, tf.stopGradient(variance)), decay)));
    } else {
      mean = movingMean;
      variance = movingVariance;
    }
    var scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))),
        context.weight(name + "_gamma"));
    return tf.math.add(tf.math.mul(tf.math.sub(x, mean), scale), context.weight(name + "_beta"));
  }

  @Override
  public String describe() {
    return "BatchNorm";
  }
}
