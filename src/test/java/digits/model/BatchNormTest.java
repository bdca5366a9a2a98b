package digits.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Training-mode batch norm (one fused op, its gradient registered by {@link BatchNorm}) against the textbook
 * formulas computed here: output, gradients for the input, gamma and beta, and the moving averages' update.
 */
class BatchNormTest {
  private static final double EPS = 1e-3;

  @Test
  void convolutionFeatureMapsNormalizeAndDifferentiateAsTheFormulasSay() {
    check(new long[] {4, 3, 3, 2});
  }

  @Test
  void denseUnitsNormalizeAndDifferentiateAsTheFormulasSay() {
    check(new long[] {6, 5});
  }

  private static void check(long[] shape) {
    int c = (int) shape[shape.length - 1];
    int size = 1;
    for (long d : shape) {
      size *= (int) d;
    }
    int n = size / c;
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[size];
    float[] w = new float[size];
    float[] gamma = new float[c];
    float[] beta = new float[c];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (random.nextDouble(-2, 3) * (1 + i % c));
      w[i] = (float) random.nextDouble(-1, 1);
    }
    for (int k = 0; k < c; k++) {
      gamma[k] = (float) random.nextDouble(0.5, 1.5);
      beta[k] = (float) random.nextDouble(-0.5, 0.5);
    }
    // the formulas: per channel k, xhat = (x - mean) / sqrt(var + eps), y = gamma xhat + beta, loss = sum(w y)
    double[] mean = new double[c];
    double[] var = new double[c];
    for (int i = 0; i < size; i++) {
      mean[i % c] += x[i] / n;
    }
    for (int i = 0; i < size; i++) {
      var[i % c] += Math.pow(x[i] - mean[i % c], 2) / n;
    }
    double[] y = new double[size];
    double[] xhat = new double[size];
    double[] sumW = new double[c];
    double[] sumWXhat = new double[c];
    for (int i = 0; i < size; i++) {
      int k = i % c;
      xhat[i] = (x[i] - mean[k]) / Math.sqrt(var[k] + EPS);
      y[i] = gamma[k] * xhat[i] + beta[k];
      sumW[k] += w[i];
      sumWXhat[k] += w[i] * xhat[i];
    }
    double[] dx = new double[size];
    for (int i = 0; i < size; i++) {
      int k = i % c;
      dx[i] = gamma[k] / Math.sqrt(var[k] + EPS) / n * (n * w[i] - sumW[k] - xhat[i] * sumWXhat[k]);
    }

    BatchNorm bn = new BatchNorm("bn", 0.9, EPS);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var input = tf.variable(tf.constant(Shape.of(shape), DataBuffers.of(x)));
      Map<String, Variable<TFloat32>> weights = Map.of(
          "bn_gamma", tf.variable(tf.constant(gamma)), "bn_beta", tf.variable(tf.constant(beta)),
          "bn_moving_mean", tf.variable(tf.constant(new float[c])),
          "bn_moving_variance", tf.variable(tf.constant(filled(c, 1f))));
      List<Op> updates = new ArrayList<>();
      Operand<TFloat32> out = bn.call(tf, input, new ForwardContext(weights, true, null, updates));
      var loss = tf.reduceSum(tf.math.mul(out, tf.constant(Shape.of(shape), DataBuffers.of(w))),
          tf.constant(allAxes(shape.length)));
      Output<?>[] grads = g.addGradients(loss.asOutput(),
          new Output<?>[] {input.asOutput(), weights.get("bn_gamma").asOutput(), weights.get("bn_beta").asOutput()});
      try (Session s = new Session(g)) {
        s.initialize();
        try (var r = s.runner().fetch(out).fetch(grads[0]).fetch(grads[1]).fetch(grads[2]).run()) {
          assertClose(y, values((TFloat32) r.get(0), size), 1e-4, "output");
          assertClose(dx, values((TFloat32) r.get(1), size), 1e-4, "gradient for the input");
          assertClose(sumWXhat, values((TFloat32) r.get(2), c), 1e-4, "gradient for gamma");
          assertClose(sumW, values((TFloat32) r.get(3), c), 1e-4, "gradient for beta");
        }
        var run = s.runner();
        updates.forEach(run::addTarget);
        run.run().close();
        try (var r = s.runner().fetch(weights.get("bn_moving_mean")).run()) {
          double[] expected = new double[c];
          for (int k = 0; k < c; k++) {
            expected[k] = 0.1 * mean[k];
          }
          assertClose(expected, values((TFloat32) r.get(0), c), 1e-5, "moving mean after one update");
        }
      }
    }
  }

  @Test
  void atInferenceFoldedIntoTheConvolutionOrDenseLayerBeforeItComputesWhatItComputesAlone() {
    Architecture architecture = Architecture.parse(
        "conv(3,3,same) bn relu flatten dense(4) bn relu dense(5,relu) bn dense(2)");
    long[] in = {5, 5, 2};
    Map<String, float[]> values = new java.util.HashMap<>(architecture.initialWeights(in, 5));
    SplittableRandom random = new SplittableRandom(11);
    values.replaceAll((name, w) -> {
      float[] v = w.clone();
      for (int i = 0; i < v.length; i++) {
        v[i] = name.endsWith("_variance") ? (float) random.nextDouble(0.2, 3) : (float) random.nextDouble(-1, 1);
      }
      return v;
    });
    float[] x = new float[3 * 5 * 5 * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-2, 2);
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var input = tf.constant(Shape.of(3, 5, 5, 2), DataBuffers.of(x));
      ForwardContext context = ForwardContext.inference(architecture.createVariables(tf, in, values));
      Operand<TFloat32> folded = architecture.apply(tf, input, context);
      List<String> passes = new ArrayList<>();
      g.operations().forEachRemaining(op -> {
        if (op.type().equals("Sub") && op.output(0).shape().numDimensions() > 1) {
          passes.add(op.name());
        }
      });
      assertEquals(1, passes.size(), "only the batch norm after an activation normalizes the activations itself, "
          + "the two after a convolution and a dense layer without one are folded into them: " + passes);
      Operand<TFloat32> alone = input;
      for (Layer layer : architecture.layers()) {
        alone = layer.call(tf, alone, context);
      }
      try (Session s = new Session(g)) {
        s.initialize();
        try (var r = s.runner().fetch(folded).fetch(alone).run()) {
          float[] expected = values((TFloat32) r.get(1), 6);
          double[] e = new double[6];
          for (int i = 0; i < 6; i++) {
            e[i] = expected[i];
          }
          assertClose(e, values((TFloat32) r.get(0), 6), 1e-5, "folded against layer by layer");
        }
      }
    }
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static int[] allAxes(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }

  private static float[] values(TFloat32 t, int n) {
    float[] a = new float[n];
    t.copyTo(DataBuffers.of(a, false, false));
    return a;
  }

  private static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
    }
  }
}
