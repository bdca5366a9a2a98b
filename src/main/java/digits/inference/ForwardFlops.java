package digits.inference;

import java.util.Iterator;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

/**
 * Floating-point operations of one example's pass through a loaded graph, from its ops' static shapes: the
 * convolutions and matrix products, two operations per multiply-add (the element-wise rest is a few percent).
 */
final class ForwardFlops {
  private ForwardFlops() {}

  /** The count for one example, or 0 where a shape is unknown. */
  static long of(Graph graph) {
    long flops = 0;
    for (Iterator<GraphOperation> ops = graph.operations(); ops.hasNext(); ) {
      GraphOperation op = ops.next();
      switch (op.type()) {
        case "Conv2D" -> {
          Shape out = op.output(0).shape();
          Shape kernel = op.input(1).shape();
          if (!known(out, 1) || !known(kernel, 0)) {
            return 0;
          }
          flops += 2 * out.get(1) * out.get(2) * out.get(3) * kernel.get(0) * kernel.get(1) * kernel.get(2);
        }
        case "MatMul" -> {
          Shape weights = op.input(1).shape();
          if (!known(weights, 0)) {
            return 0;
          }
          flops += 2 * weights.get(0) * weights.get(1);
        }
        default -> {
          // element-wise and data movement: not counted
        }
      }
    }
    return flops;
  }

  /** True when every dimension from {@code from} on is known. */
  private static boolean known(Shape shape, int from) {
    if (shape.isUnknown()) {
      return false;
    }
    for (int i = from; i < shape.numDimensions(); i++) {
      if (shape.get(i) < 0) {
        return false;
      }
    }
    return true;
  }
}
