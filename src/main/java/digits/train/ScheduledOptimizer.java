package digits.train;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam and SGD with momentum on the framework's {@link Optimizer} base (slots, gradient pairing), with the
 * learning rate and the step number as graph inputs so that a schedule can feed them every step. The framework's
 * own Adam and Momentum take the rate as a fixed float. The step (1-based, float32) drives Adam's bias
 * correction; keeping it in Java means no optimizer state beyond the slots lives in the graph.
 */
final class ScheduledOptimizer extends Optimizer {
  private static final String FIRST_MOMENT = "m";
  private static final String SECOND_MOMENT = "v";
  private static final String ACCUMULATOR = "momentum";

  private final OptimizerConfig config;
  private final Operand<TFloat32> learningRate;
  private final Operand<TFloat32> step;

  ScheduledOptimizer(Graph graph, OptimizerConfig config, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    super(graph, config.kind().name().toLowerCase(java.util.Locale.ROOT));
    this.config = config;
    this.learningRate = learningRate;
    this.step = step;
  }

  @Override
  public String getOptimizerName() {
    return config.kind().name();
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    for (Output<? extends TType> v : variables) {
      Output<TFloat32> variable = floats(v);
      Operand<TFloat32> zeros = tf.zeros(tf.constant(variable.shape().asArray()), TFloat32.class);
      if (config.kind() == OptimizerConfig.Kind.ADAM) {
        createSlot(variable, FIRST_MOMENT, zeros);
        createSlot(variable, SECOND_MOMENT, zeros);
      } else {
        createSlot(variable, ACCUMULATOR, zeros);
      }
    }
  }

  @Override
  protected <T extends TType> Op applyDense(Ops ops, Output<T> gradient, Output<T> v) {
    Output<TFloat32> variable = floats(v);
    Output<TFloat32> grad = floats(gradient);
    Ops scoped = ops;
    if (config.weightDecay() > 0 && variable.op().name().endsWith("_kernel")) {
      var decay = ops.math.mul(ops.math.mul(learningRate, ops.constant((float) config.weightDecay())), variable);
      scoped = ops.withControlDependencies(List.of(ops.assignSub(variable, decay)));
    }
    if (config.kind() == OptimizerConfig.Kind.ADAM) {
      var beta1 = ops.constant((float) config.beta1());
      var beta2 = ops.constant((float) config.beta2());
      return scoped.train.applyAdam(variable, slot(variable, FIRST_MOMENT), slot(variable, SECOND_MOMENT),
          ops.math.pow(beta1, step), ops.math.pow(beta2, step), learningRate, beta1, beta2,
          ops.constant((float) config.epsilon()), grad);
    }
    return scoped.train.applyMomentum(variable, slot(variable, ACCUMULATOR), learningRate, grad,
        ops.constant((float) config.momentum()), ApplyMomentum.useNesterov(config.nesterov()));
  }

  private Output<TFloat32> slot(Output<TFloat32> variable, String name) {
    return getSlot(variable, name).orElseThrow().asOutput();
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> floats(Output<?> output) {
    if (output.type() != TFloat32.class) {
      throw new IllegalArgumentException("Expected float32 variables, received " + output.type().getSimpleName());
    }
    return (Output<TFloat32>) output;
  }
}
