package digits.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One step of a network, Keras-style: the constructor keeps the hyperparameters, {@link #build} declares the
 * weights once the input shape is known, {@link #call} is the forward math. Shapes exclude the batch dimension.
 */
public interface Layer {
  /** The layer's name and the prefix of its weights, such as {@code conv1}. */
  String name();

  /** The output shape for {@code input}; throws {@link IllegalArgumentException} when the input does not fit. */
  long[] outputShape(long[] input);

  /** The weights this layer needs for {@code input} (none by default). */
  default List<WeightSpec> weights(long[] input) {
    return List.of();
  }

  /** The forward pass; weights are looked up in {@code context} by name. */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, ForwardContext context);

  /** A Keras-style description of the layer type, such as {@code Conv2D(32, 3x3, relu)}. */
  String describe();
}
