package digits.train;

import digits.data.Batch;
import digits.data.Batches;
import digits.inference.Precision;
import digits.model.ForwardContext;
import digits.model.Network;
import digits.model.WeightSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.losses.CategoricalCrossentropy;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The graph and session of one training run: a training forward pass (dropout on, batch statistics) and an
 * inference forward pass (the one that gets exported) over the same variables, the loss, and one update step.
 * Gradients are taken for the trainable weights only, so batch norm's moving averages are never "trained".
 *
 * <p>With an EMA decay above 0, every step also updates an exponential moving average of each trainable weight,
 * and the inference pass (validation, test, export) uses the averages instead of the raw weights.
 */
public final class TrainingGraph implements Learner, AutoCloseable {
  private final Network network;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TFloat32> step;
  private final Placeholder<TInt64> seed;
  private final Operand<TFloat32> loss;
  private final Operand<TInt32> correct;
  private final Operand<TFloat32> inferenceProbabilities;
  private final Op update;
  private final Map<String, Variable<TFloat32>> variables;
  /** The weights the inference pass reads: the moving averages of trainable weights when EMA is on. */
  private final Map<String, Variable<TFloat32>> inferenceVariables;
  private final WeightSetter setter;

  /** The graph {@code recipe} trains: its optimizer, label smoothing, weight averaging and precision. */
  public static TrainingGraph of(Network network, Map<String, float[]> initialWeights, TrainingConfig recipe) {
    TrainingConfig.Optimization o = recipe.optimization();
    return new TrainingGraph(network, initialWeights, o.optimizer(), o.labelSmoothing(), o.emaDecay(),
        recipe.loop().precision());
  }

  /**
   * Builds the graph with {@code initialWeights} and starts a session (close it).
   *
   * @param emaDecay decay of the weights' exponential moving average, in [0, 1); 0 turns averaging off
   * @param precision the number format the session computes in
   */
  public TrainingGraph(Network network, Map<String, float[]> initialWeights, OptimizerConfig optimizer,
      double labelSmoothing, double emaDecay, Precision precision) {
    this.network = network;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      images = tf.withName("image").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, network.height(), network.width(), 1)));
      labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      step = tf.withName("step").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      seed = tf.withName("dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));

      variables = network.createVariables(tf, initialWeights);
      List<Op> stateUpdates = new ArrayList<>();
      // Labels go in as class indices; one-hot and the count of right answers are computed in the graph, so a
      // step copies one int per image in and two scalars out.
      Operand<TFloat32> trainLogits = network.logits(tf, images,
          new ForwardContext(variables, true, seed, stateUpdates));
      var oneHot = tf.oneHot(labels, tf.constant(network.outputs()), tf.constant(1f), tf.constant(0f));
      correct = tf.reduceSum(tf.dtypes.cast(tf.math.equal(tf.math.argMax(trainLogits, tf.constant(1), TInt32.class),
          labels), TInt32.class), tf.constant(0));
      loss = new CategoricalCrossentropy(true, (float) labelSmoothing).call(tf, oneHot, trainLogits);

      Op apply = applyGradients(graph, loss, network.weightSpecs(), variables, optimizer, learningRate, step);
      List<Op> all = new ArrayList<>(stateUpdates);
      all.add(apply);
      inferenceVariables = new LinkedHashMap<>(variables);
      if (emaDecay > 0) {
        all.addAll(movingAverages(tf, network, initialWeights, emaDecay, apply));
      }
      inferenceProbabilities = tf.nn.softmax(network.classLogits(tf, network.logits(tf, images,
          ForwardContext.inference(inferenceVariables))));
      update = tf.withControlDependencies(all).withName("train_step").noOp();

      setter = new WeightSetter(tf, variables, inferenceVariables);
      session = new Session(graph, precision.sessionConfig());
      session.initialize();
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /**
   * One moving average per trainable weight, put into {@link #inferenceVariables}, and their updates, which run
   * after {@code apply}. The decay warms up as {@code min(decay, (1 + step) / (10 + step))}, so the early averages
   * are not dominated by the initial weights.
   */
  private List<Op> movingAverages(Ops tf, Network network, Map<String, float[]> initialWeights, double decay,
      Op apply) {
    Operand<TFloat32> rate = tf.math.sub(tf.constant(1f), tf.math.minimum(tf.constant((float) decay),
        tf.math.div(tf.math.add(step, tf.constant(1f)), tf.math.add(step, tf.constant(10f)))));
    Ops afterApply = tf.withControlDependencies(List.of(apply));
    List<Op> updates = new ArrayList<>();
    for (WeightSpec spec : network.weightSpecs()) {
      if (!spec.trainable()) {
        continue;
      }
      Variable<TFloat32> weight = variables.get(spec.name());
      Variable<TFloat32> average = tf.withSubScope("ema").withName(spec.name()).variable(
          tf.constant(Shape.of(spec.shape()), DataBuffers.of(initialWeights.get(spec.name()), true, false)));
      inferenceVariables.put(spec.name(), average);
      updates.add(afterApply.assignSub(average, afterApply.math.mul(rate, afterApply.math.sub(average, weight))));
    }
    return updates;
  }

  /** One update of the trainable weights of {@code specs} by the gradients of {@code loss}, at the scheduled rate. */
  static Op applyGradients(Graph graph, Operand<TFloat32> loss, List<WeightSpec> specs,
      Map<String, Variable<TFloat32>> variables, OptimizerConfig optimizer, Operand<TFloat32> learningRate,
      Operand<TFloat32> step) {
    List<Output<?>> trainable = new ArrayList<>();
    for (WeightSpec spec : specs) {
      if (spec.trainable()) {
        trainable.add(variables.get(spec.name()).asOutput());
      }
    }
    Output<?>[] gradients = graph.addGradients(loss.asOutput(), trainable.toArray(new Output<?>[0]));
    List<Optimizer.GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < gradients.length; i++) {
      pairs.add(pair(gradients[i], trainable.get(i)));
    }
    return new ScheduledOptimizer(graph, optimizer, learningRate, step).applyGradients(pairs, "apply");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Optimizer.GradAndVar<? extends TType> pair(Output<?> gradient, Output<?> variable) {
    return new Optimizer.GradAndVar(gradient, variable);
  }

  public Network network() {
    return network;
  }

  /**
   * Runs one update on {@code batch} with the given learning rate; {@code stepNumber} is 1-based and also
   * keys the dropout masks, together with {@code seed}.
   */
  @Override
  public StepResult train(Batch batch, float rate, long stepNumber, long runSeed) {
    try (Result result = step(batch, rate, stepNumber, runSeed, null)) {
      return new StepResult(((TFloat32) result.get(0)).getFloat(), ((TInt32) result.get(1)).getInt());
    }
  }

  /**
   * Runs one update like {@link #train} with TensorFlow run options (its full trace, say) and returns the step's
   * result with the run metadata TensorFlow gives back (the trace's step statistics).
   */
  public Traced train(Batch batch, float rate, long stepNumber, long runSeed, RunOptions options) {
    try (Result result = step(batch, rate, stepNumber, runSeed, options)) {
      return new Traced(new StepResult(((TFloat32) result.get(0)).getFloat(), ((TInt32) result.get(1)).getInt()),
          result.getMetadata().orElseThrow(() -> new IllegalStateException("TensorFlow returned no run metadata")));
    }
  }

  /** A step's result and TensorFlow's metadata of the run. */
  public record Traced(StepResult result, RunMetadata metadata) {}

  /** The type of the graph operation called {@code name}, or null when there is none. */
  public String operationType(String name) {
    var op = graph.operation(name);
    return op == null ? null : op.type();
  }

  /** One update; the result (close it) holds the loss and the count of right answers, and a trace if asked. */
  private Result step(Batch batch, float rate, long stepNumber, long runSeed, RunOptions options) {
    try (TFloat32 x = images(batch);
        TInt32 y = TInt32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels(), true, false));
        TFloat32 lr = TFloat32.scalarOf(rate);
        TFloat32 t = TFloat32.scalarOf(stepNumber);
        TInt64 s = TInt64.vectorOf(runSeed, stepNumber)) {
      Session.Runner runner = session.runner()
          .feed(images, x).feed(labels, y).feed(learningRate, lr).feed(step, t).feed(seed, s)
          .addTarget(update).fetch(loss).fetch(correct);
      return options == null ? runner.run() : runner.setOptions(options).runAndFetchMetadata();
    }
  }

  /** Loss and accuracy of the inference pass over {@code data}'s first epoch. */
  @Override
  public Evaluation evaluate(Batches data) {
    return Evaluation.of(this, data);
  }

  /** Class probabilities {@code [batch.size() * classes]} from the inference pass (dropout off, moving stats). */
  public float[] predict(Batch batch) {
    try (TFloat32 x = images(batch);
        Result result = session.runner().feed(images, x).fetch(inferenceProbabilities).run()) {
      float[] p = new float[batch.size() * network.classes()];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(p, false, false));
      return p;
    }
  }

  /**
   * A copy of the weights the inference pass uses (the moving averages when EMA is on), by name, in layer
   * order: what gets exported.
   */
  @Override
  public Map<String, float[]> weights() {
    return read(session, inferenceVariables);
  }

  /** A copy of each variable's value in {@code session}, by name, in the map's order. */
  static Map<String, float[]> read(Session session, Map<String, Variable<TFloat32>> variables) {
    Map<String, float[]> values = new LinkedHashMap<>();
    Session.Runner runner = session.runner();
    List<String> names = new ArrayList<>(variables.keySet());
    for (String name : names) {
      runner.fetch(variables.get(name));
    }
    try (Result result = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        values.put(names.get(i), v);
      }
    }
    return values;
  }

  /** Sets every weight, and its moving average when EMA is on, to {@code values} (all names must be present). */
  @Override
  public void setWeights(Map<String, float[]> values) {
    setter.set(session, values);
  }

  /** Saves every variable (weights, optimizer slots, batch-norm statistics) under {@code prefix}. */
  public void save(String prefix) {
    session.save(prefix);
  }

  /** Restores every variable saved by {@link #save}. */
  public void restore(String prefix) {
    session.restore(prefix);
  }

  /** The input tensor a step feeds for {@code batch} (close it); public so benchmarks time the same code. */
  public static TFloat32 images(Batch batch) {
    return TFloat32.tensorOf(Shape.of(batch.size(), batch.height(), batch.width(), 1),
        DataBuffers.of(batch.images(), true, false));
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
