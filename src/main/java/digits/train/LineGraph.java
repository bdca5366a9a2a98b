package digits.train;

import digits.data.Batch;
import digits.inference.Precision;
import digits.model.ForwardContext;
import digits.model.LineNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.CtcLoss;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The graph and session that train a {@link LineNetwork} with connectionist temporal classification: lines go in
 * with their digits (a fixed number of label slots per line, -1 after the last digit), the CTC loss compares every
 * frame path that reads the digits, and one step updates the trainable weights. TF Java has no gradient for the
 * CTC op, but the op gives the loss's gradient by the logits itself, so the step minimizes
 * {@code sum(stopGradient(gradient) * logits)}: the same gradient, through the network.
 */
public final class LineGraph implements AutoCloseable {
  private final LineNetwork network;
  private final int labelSlots;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TFloat32> step;
  private final Placeholder<TInt64> seed;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> logProbabilities;
  private final Op update;
  private final Map<String, Variable<TFloat32>> variables;
  private final WeightSetter setter;

  /**
   * Builds the graph with {@code initialWeights} and starts a session (close it) that computes in
   * {@code precision}: the CTC loss and the weights stay float32 either way.
   */
  public LineGraph(LineNetwork network, Map<String, float[]> initialWeights, OptimizerConfig optimizer,
      int labelSlots, Precision precision) {
    this.network = network;
    this.labelSlots = labelSlots;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, network.height(), network.width(), 1)));
      labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, labelSlots)));
      learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      step = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      variables = network.createVariables(tf, initialWeights);

      List<Op> stateUpdates = new ArrayList<>();
      Operand<TFloat32> logits = network.logits(tf, images, new ForwardContext(variables, true, seed, stateUpdates));
      Operand<TFloat32> timeMajor = tf.linalg.transpose(logits, tf.constant(new int[] {1, 0, 2}));
      var where = tf.where(tf.math.greaterEqual(labels, tf.constant(0)));
      Operand<TInt32> batch = tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
      CtcLoss<TFloat32> ctc = tf.nn.ctcLoss(timeMajor, where, tf.gatherNd(labels, where),
          tf.fill(batch, tf.constant(network.frames())), CtcLoss.ignoreLongerOutputsThanInputs(true));
      Operand<TFloat32> size = tf.reshape(tf.dtypes.cast(batch, TFloat32.class), tf.constant(new int[0]));
      loss = tf.math.div(tf.reduceSum(ctc.loss(), tf.constant(0)), size);
      Operand<TFloat32> surrogate = tf.math.div(tf.reduceSum(tf.math.mul(tf.stopGradient(ctc.gradient()), timeMajor),
          tf.constant(new int[] {0, 1, 2})), size);

      List<Op> all = new ArrayList<>(stateUpdates);
      all.add(TrainingGraph.applyGradients(graph, surrogate, network.weightSpecs(), variables, optimizer,
          learningRate, step));
      update = tf.withControlDependencies(all).withName("train_step").noOp();
      logProbabilities = tf.nn.logSoftmax(network.logits(tf, images, ForwardContext.inference(variables)));
      setter = new WeightSetter(tf, variables, variables);
      session = new Session(graph, precision.sessionConfig());
      session.initialize();
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  public LineNetwork network() {
    return network;
  }

  /**
   * One update on {@code batch}'s lines, whose labels are {@code labelSlots} digits a line (-1 past its end), at
   * {@code rate}; {@code stepNumber} (1-based) and {@code runSeed} key the dropout masks. Returns the mean CTC loss;
   * a step measures no accuracy (read the lines with {@link #logProbabilities} for that).
   */
  public Learner.StepResult train(Batch batch, float rate, long stepNumber, long runSeed) {
    int n = batch.size();
    try (TFloat32 x = lines(batch.images(), n);
        TInt32 y = TInt32.tensorOf(Shape.of(n, labelSlots), DataBuffers.of(batch.labels(), true, false));
        TFloat32 lr = TFloat32.scalarOf(rate);
        TFloat32 t = TFloat32.scalarOf(stepNumber);
        TInt64 s = TInt64.vectorOf(runSeed, stepNumber);
        Result result = session.runner().feed(images, x).feed(labels, y).feed(learningRate, lr).feed(step, t)
            .feed(seed, s).addTarget(update).fetch(loss).run()) {
      return new Learner.StepResult(((TFloat32) result.get(0)).getFloat(), -1);
    }
  }

  /** Log-probabilities {@code [n, frames, classes + 1]} of the inference pass (dropout off, moving statistics). */
  public float[] logProbabilities(float[] lines, int n) {
    try (TFloat32 x = lines(lines, n);
        Result result = session.runner().feed(images, x).fetch(logProbabilities).run()) {
      float[] out = new float[n * network.frames() * (network.classes() + 1)];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /** A copy of every weight (batch-norm statistics included), by name, in layer order: what gets exported. */
  public Map<String, float[]> weights() {
    return TrainingGraph.read(session, new LinkedHashMap<>(variables));
  }

  /** Sets every weight to {@code values}, as {@link #weights} gave them. */
  public void setWeights(Map<String, float[]> values) {
    setter.set(session, values);
  }

  private TFloat32 lines(float[] lines, int n) {
    return TFloat32.tensorOf(Shape.of(n, network.height(), network.width(), 1),
        DataBuffers.of(lines, true, false).slice(0, (long) n * network.height() * network.width()));
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
