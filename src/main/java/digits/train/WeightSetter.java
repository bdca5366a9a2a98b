package digits.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The assign ops that set a graph's variables (and their moving averages, where kept) from values by name. */
final class WeightSetter {
  private final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new LinkedHashMap<>();
  private final List<Op> assigns = new ArrayList<>();

  /**
   * Builds the ops in {@code tf}'s graph; {@code averages} holds, by the same names, variables that take the same
   * value (the moving averages of the weights), or the variables themselves where there are none.
   */
  WeightSetter(Ops tf, Map<String, Variable<TFloat32>> variables, Map<String, Variable<TFloat32>> averages) {
    for (var entry : variables.entrySet()) {
      var input = tf.placeholder(TFloat32.class);
      inputs.put(entry.getKey(), input);
      shapes.put(entry.getKey(), entry.getValue().shape());
      assigns.add(tf.assign(entry.getValue(), input));
      Variable<TFloat32> average = averages.get(entry.getKey());
      if (average != entry.getValue()) {
        assigns.add(tf.assign(average, input));
      }
    }
  }

  /** Sets every variable to {@code values} (all names must be present, each of its variable's size). */
  void set(Session session, Map<String, float[]> values) {
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      for (var entry : inputs.entrySet()) {
        float[] v = values.get(entry.getKey());
        Shape shape = shapes.get(entry.getKey());
        if (v == null || v.length != shape.size()) {
          throw new IllegalArgumentException("Expected " + shape.size() + " values for " + entry.getKey());
        }
        TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(v, true, false));
        tensors.add(t);
        runner.feed(entry.getValue(), t);
      }
      assigns.forEach(runner::addTarget);
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }
}
