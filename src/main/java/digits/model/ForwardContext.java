package digits.model;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What a forward pass needs beyond its input: the weights by name, whether it trains (dropout on, batch
 * statistics), the dropout seed {@code [2]} int64 (training only), and a list that collects state updates (batch
 * norm's moving averages) to run with each training step.
 */
public record ForwardContext(Map<String, Variable<TFloat32>> weights, boolean training, Operand<TInt64> seed,
    List<Op> updates) {

  public static ForwardContext inference(Map<String, Variable<TFloat32>> weights) {
    return new ForwardContext(weights, false, null, List.of());
  }

  public Variable<TFloat32> weight(String name) {
    Variable<TFloat32> w = weights.get(name);
    if (w == null) {
      throw new IllegalStateException("No weight named " + name);
    }
    return w;
  }
}
