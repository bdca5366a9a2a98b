package digits.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import digits.data.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The graph's shapes agree with the Java-side shape inference, in training and in inference mode. */
class NetworkGraphTest {
  @Test
  void everyLayerProducesTheShapeTheSummaryPromises() {
    Architecture a = Architecture.parse("conv(8,3,relu,same) bn pool(2) conv(16,3) relu pool(2) flatten "
        + "dropout(0.3) dense(24,elu) bn dense(10)");
    Network network = new Network(a, 28, 28, 10, new Normalization(0.1f, 0.3f));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.constant(Shape.of(5, 28, 28, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(new float[5 * 784]));
      var vars = network.createVariables(tf, network.initialWeights(1));
      List<Op> updates = new ArrayList<>();
      ForwardContext training = new ForwardContext(vars, true, tf.constant(new long[] {1, 2}), updates);
      List<Operand<TFloat32>> outputs = new ArrayList<>();
      Operand<TFloat32> h = x;
      for (Layer layer : a.layers()) {
        h = layer.call(tf, h, training);
        outputs.add(h);
      }
      var inference = network.logits(tf, x, ForwardContext.inference(vars));
      assertEquals(4, updates.size(), "two batch norms, two moving averages each");
      List<Architecture.Row> rows = a.summary(network.inputShape());
      try (Session s = new Session(g)) {
        s.initialize();
        for (int i = 0; i < rows.size(); i++) {
          try (var r = s.runner().fetch(outputs.get(i)).run()) {
            long[] expected = new long[rows.get(i).outputShape().length + 1];
            expected[0] = 5;
            System.arraycopy(rows.get(i).outputShape(), 0, expected, 1, expected.length - 1);
            assertArrayEquals(expected, r.get(0).shape().asArray(), rows.get(i).layer().name());
          }
        }
        try (var r = s.runner().fetch(inference).run()) {
          assertArrayEquals(new long[] {5, 10}, r.get(0).shape().asArray());
        }
      }
    }
  }

  @Test
  void maxPoolTakesEachWindowsMaximumAndSendsTheGradientThere() {
    // 4x4 input, 2x2 windows: maxima 6, 8, 14, 16 at known positions; the gradient of their sum is 1 there only.
    float[] in = {1, 5, 3, 8, 6, 2, 7, 4, 9, 14, 16, 11, 13, 10, 12, 15};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.constant(Shape.of(1, 4, 4, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(in));
      var pooled = new MaxPool2D("pool1", 2).call(tf, x, ForwardContext.inference(Map.of()));
      var grad = g.addGradients(tf.reduceSum(pooled, tf.constant(new int[] {0, 1, 2, 3})).asOutput(),
          new org.tensorflow.Output<?>[] {x.asOutput()})[0];
      assertEquals("MaxPool", pooled.op().type());
      try (Session s = new Session(g); var r = s.runner().fetch(pooled).fetch(grad).run()) {
        assertArrayEquals(new float[] {6, 8, 14, 16}, values((TFloat32) r.get(0)));
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0}, values((TFloat32) r.get(1)));
      }
    }
  }

  private static float[] values(TFloat32 t) {
    float[] v = new float[(int) t.shape().size()];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(v, false, false));
    return v;
  }

  @Test
  void dropoutIsSeededInTrainingAndIdentityAtInference() {
    Dropout d = new Dropout("dropout1", 0.5, 0);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var ones = tf.fill(tf.constant(new int[] {1000}), tf.constant(1f));
      var seed = tf.placeholder(TInt64.class);
      var train = d.call(tf, ones, new ForwardContext(Map.of(), true, seed, new ArrayList<>()));
      var infer = d.call(tf, ones, ForwardContext.inference(Map.of()));
      try (Session s = new Session(g)) {
        float[] a = run(s, train, seed, 7);
        float[] b = run(s, train, seed, 7);
        float[] c = run(s, train, seed, 8);
        assertArrayEquals(a, b);
        int kept = 0;
        for (int i = 0; i < a.length; i++) {
          assertEquals(true, a[i] == 0f || a[i] == 2f);
          kept += a[i] == 2f ? 1 : 0;
        }
        assertEquals(500, kept, 60);
        assertEquals(false, java.util.Arrays.equals(a, c));
        try (var r = s.runner().fetch(infer).run()) {
          assertEquals(1f, ((TFloat32) r.get(0)).getFloat(999));
        }
      }
    }
  }

  private static float[] run(Session s, Operand<TFloat32> out, Operand<TInt64> seed, long step) {
    try (TInt64 t = TInt64.vectorOf(3, step); var r = s.runner().feed(seed, t).fetch(out).run()) {
      float[] v = new float[1000];
      ((TFloat32) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(v, false, false));
      return v;
    }
  }
}
