package digits.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** One variable w, loss = (w - 3)^2, so the gradient is 2 (w - 3): each step checked against hand arithmetic. */
class ScheduledOptimizerTest {
  private static final float W0 = 1f;

  /** Runs {@code steps} updates with the given rates and returns w after each. */
  private static float[] run(OptimizerConfig config, float... rates) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var w = tf.withName("w_kernel").variable(tf.constant(W0));
      var lr = tf.placeholder(TFloat32.class);
      var step = tf.placeholder(TFloat32.class);
      var loss = tf.math.square(tf.math.sub(w, tf.constant(3f)));
      Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {w.asOutput()});
      @SuppressWarnings({"unchecked", "rawtypes"})
      List<Optimizer.GradAndVar<? extends TType>> pairs = List.of(new Optimizer.GradAndVar(grads[0], w.asOutput()));
      var update = new ScheduledOptimizer(g, config, lr, step).applyGradients(pairs, "apply");
      float[] out = new float[rates.length];
      try (Session s = new Session(g)) {
        s.initialize();
        for (int i = 0; i < rates.length; i++) {
          try (TFloat32 r = TFloat32.scalarOf(rates[i]); TFloat32 t = TFloat32.scalarOf(i + 1)) {
            s.runner().feed(lr, r).feed(step, t).addTarget(update).run().close();
          }
          try (var res = s.runner().fetch(w).run()) {
            out[i] = ((TFloat32) res.get(0)).getFloat();
          }
        }
      }
      return out;
    }
  }

  @Test
  void adamMatchesHandComputedSteps() {
    OptimizerConfig c = new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.1, 0.9, 0.999, 1e-7, 0.9, false, 0);
    float[] w = run(c, 0.1f, 0.05f);
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-7;
    double x = W0;
    double m = 0;
    double v = 0;
    double[] rates = {0.1, 0.05};
    for (int t = 1; t <= 2; t++) {
      double g = 2 * (x - 3);
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      double lrT = rates[t - 1] * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      x -= lrT * m / (Math.sqrt(v) + eps);
      assertEquals(x, w[t - 1], 1e-6, "step " + t);
    }
    assertEquals(1.1, w[0], 1e-5); // Adam's first step moves by the learning rate
  }

  @Test
  void sgdMomentumMatchesHandComputedSteps() {
    OptimizerConfig c = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0.9, 0.999, 1e-7, 0.9, false, 0);
    float[] w = run(c, 0.1f, 0.1f, 0.1f);
    double x = W0;
    double a = 0;
    for (int t = 0; t < 3; t++) {
      double g = 2 * (x - 3);
      a = 0.9 * a + g;
      x -= 0.1 * a;
      assertEquals(x, w[t], 1e-6, "step " + (t + 1));
    }
    assertEquals(1.4, w[0], 1e-6);
    assertEquals(1.4 + 0.1 * (0.9 * 4 + 3.2), w[1], 1e-6);
  }

  @Test
  void nesterovAndDecoupledWeightDecay() {
    OptimizerConfig nesterov = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0.9, 0.999, 1e-7, 0.9, true, 0);
    // Nesterov (TF form): accum = m accum + g; w -= lr (g + m accum).
    assertEquals(1 + 0.1 * (4 + 0.9 * 4), run(nesterov, 0.1f)[0], 1e-6);
    OptimizerConfig decay = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0.9, 0.999, 1e-7, 0, false, 0.5);
    // w <- w - lr wd w = 0.95, then the plain step with the gradient taken at w = 1: 0.95 + 0.1 * 4.
    assertEquals(0.95 + 0.4, run(decay, 0.1f)[0], 1e-6);
  }
}
