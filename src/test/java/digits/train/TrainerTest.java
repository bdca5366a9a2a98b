package digits.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Augmentation;
import digits.data.BatchPipeline;
import digits.data.Fixtures;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.model.Architecture;
import digits.model.Network;
import digits.run.Profile;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir Path dir;
  private final LabeledImages data = Fixtures.blocks(200, 10, 11);

  static TrainingConfig config(String architecture, int epochs, double lr, int patience) {
    Map<String, String> s = new java.util.HashMap<>(Profile.DEFAULTS);
    s.put("architecture", architecture);
    s.put("epochs", String.valueOf(epochs));
    s.put("learning_rate", String.valueOf(lr));
    s.put("batch_size", "20");
    s.put("patience", String.valueOf(patience));
    return Profile.toConfig(s);
  }

  private TrainingResult fit(TrainingConfig c, List<TrainingListener> listeners, AtomicBoolean stop,
      TrainingGraph[] keep) {
    Network network = new Network(c.architecture(), 28, 28, 10, Normalization.of(data));
    BatchPipeline train = BatchPipeline.of(data, new BatchPipeline.Options(c.loop().batchSize(), false, true,
        Normalization.UNIT, Augmentation.NONE, 1, c.seed()));
    BatchPipeline val = BatchPipeline.of(data, BatchPipeline.Options.inOrder(50));
    TrainingGraph graph = new TrainingGraph(network, network.initialWeights(c.seed()), c.optimization().optimizer(), 0.1, 0, digits.inference.Precision.FLOAT32);
    try {
      TrainingResult r = new Trainer(c, listeners, stop).fit(graph, train, val);
      if (keep != null) {
        keep[0] = graph;
        graph = null;
      }
      return r;
    } finally {
      if (graph != null) {
        graph.close();
      }
    }
  }

  @Test
  void aSmallNetWithEveryLayerKindFitsASeparableSetPerfectly() {
    TrainingConfig c = config("conv(8,3,same) bn relu pool(2) conv(8,3,relu) pool(2) flatten dropout(0.2) "
        + "dense(16,relu) bn dense(10)", 8, 0.01, 0);
    TrainingResult r = fit(c, List.of(), new AtomicBoolean(), null);
    EpochMetrics last = r.history().get(r.history().size() - 1);
    assertEquals(1.0, last.validationAccuracy(), "inference pass, moving averages: " + r.history());
    assertTrue(last.trainLoss() < r.history().get(0).trainLoss());
    assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason());
  }

  @Test
  void gradientsReachTheFirstLayer() {
    TrainingConfig c = config("conv(4,3,relu) bn pool(2) flatten dense(10)", 1, 0.01, 0);
    Network network = new Network(c.architecture(), 28, 28, 10, Normalization.UNIT);
    Map<String, float[]> before = network.initialWeights(1);
    try (TrainingGraph g = new TrainingGraph(network, before, c.optimization().optimizer(), 0, 0, digits.inference.Precision.FLOAT32)) {
      var batch = BatchPipeline.of(data, BatchPipeline.Options.inOrder(20)).epoch(0).next();
      g.train(batch, 0.01f, 1, 1);
      Map<String, float[]> after = g.weights();
      for (String name : List.of("conv1_kernel", "conv1_bias", "bn1_gamma", "bn1_beta", "dense1_kernel")) {
        assertFalse(java.util.Arrays.equals(before.get(name), after.get(name)), name + " moved");
      }
      assertFalse(java.util.Arrays.equals(before.get("bn1_moving_mean"), after.get("bn1_moving_mean")),
          "moving mean updated by the step, not by gradients");
    }
  }

  @Test
  void emaInferenceWeightsAreTheWarmedUpMovingAverageOfTheRawWeights() {
    TrainingConfig c = config("conv(4,3,relu) bn pool(2) flatten dense(10)", 1, 0.01, 0);
    Network network = new Network(c.architecture(), 28, 28, 10, Normalization.UNIT);
    Map<String, float[]> init = network.initialWeights(1);
    var batches = BatchPipeline.of(data, BatchPipeline.Options.inOrder(20)).epoch(0);
    var first = batches.next();
    var second = batches.next();
    try (TrainingGraph raw = new TrainingGraph(network, init, c.optimization().optimizer(), 0, 0, digits.inference.Precision.FLOAT32);
        TrainingGraph ema = new TrainingGraph(network, init, c.optimization().optimizer(), 0, 0.9, digits.inference.Precision.FLOAT32)) {
      Map<String, float[]> expected = new java.util.HashMap<>(init);
      for (int step = 1; step <= 2; step++) {
        var batch = step == 1 ? first : second;
        raw.train(batch, 0.01f, step, 1);
        ema.train(batch, 0.01f, step, 1);
        double decay = Math.min(0.9, (1.0 + step) / (10.0 + step)); // 2/11, then 3/12
        Map<String, float[]> w = raw.weights();
        for (String name : List.of("conv1_kernel", "bn1_gamma", "dense1_kernel", "dense1_bias")) {
          float[] avg = expected.get(name).clone();
          for (int i = 0; i < avg.length; i++) {
            avg[i] = (float) (decay * avg[i] + (1 - decay) * w.get(name)[i]);
          }
          expected.put(name, avg);
        }
      }
      Map<String, float[]> averaged = ema.weights();
      for (String name : List.of("conv1_kernel", "bn1_gamma", "dense1_kernel", "dense1_bias")) {
        float[] e = expected.get(name);
        for (int i = 0; i < e.length; i++) {
          assertEquals(e[i], averaged.get(name)[i], 1e-5, name + "[" + i + "]");
        }
        assertFalse(java.util.Arrays.equals(raw.weights().get(name), averaged.get(name)), name + " is averaged");
      }
      assertTrue(java.util.Arrays.equals(raw.weights().get("bn1_moving_mean"), averaged.get("bn1_moving_mean")),
          "batch-norm statistics are not averaged again");
      // The inference pass reads the averages: after setting them as the raw weights too, both graphs agree.
      raw.setWeights(averaged);
      assertTrue(java.util.Arrays.equals(raw.predict(first), ema.predict(first)));
      ema.setWeights(init);
      assertTrue(java.util.Arrays.equals(init.get("dense1_kernel"), ema.weights().get("dense1_kernel")),
          "setWeights sets the averages too");
    }
  }

  @Test
  void aTracedStepTrainsLikeAPlainOneAndNamesTheKernelsThatRan() {
    TrainingConfig c = config("conv(4,3,relu) pool(2) flatten dense(10)", 1, 0.01, 0);
    Network network = new Network(c.architecture(), 28, 28, 10, Normalization.UNIT);
    var batch = BatchPipeline.of(data, BatchPipeline.Options.inOrder(20)).epoch(0).next();
    try (TrainingGraph plain = new TrainingGraph(network, network.initialWeights(1), c.optimization().optimizer(), 0, 0, digits.inference.Precision.FLOAT32);
        TrainingGraph traced = new TrainingGraph(network, network.initialWeights(1), c.optimization().optimizer(), 0, 0, digits.inference.Precision.FLOAT32)) {
      plain.train(batch, 0.01f, 1, 1);
      List<digits.bench.StepTrace.OpTime> ops = digits.bench.StepTrace.of(traced, batch, 0.01f, 1, 1);
      assertTrue(java.util.Arrays.equals(plain.weights().get("conv1_kernel"), traced.weights().get("conv1_kernel")),
          "the traced step is a real update");
      assertFalse(java.util.Arrays.equals(network.initialWeights(1).get("conv1_kernel"),
          traced.weights().get("conv1_kernel")), "the step moved the weights");
      List<String> kernels = ops.stream().map(digits.bench.StepTrace.OpTime::type).toList();
      assertTrue(kernels.stream().anyMatch(k -> k.contains("MaxPoolGrad")), kernels.toString());
      assertTrue(kernels.stream().anyMatch(k -> k.contains("Conv2DBackpropFilter")), kernels.toString());
      assertTrue(ops.stream().allMatch(o -> o.micros() >= 0));
      assertTrue(ops.stream().anyMatch(o -> o.name().startsWith("gradients")), "gradient ops are named as such");
    }
  }

  @Test
  void metricsCsvHasOneRowPerEpochAndTheSameSeedGivesTheSameNumbers() throws IOException {
    TrainingConfig c = config("conv(4,3,relu) pool(2) flatten dropout(0.3) dense(10)", 3, 0.005, 0);
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    fit(c, List.of(new MetricsCsv(a)), new AtomicBoolean(), null);
    fit(c, List.of(new MetricsCsv(b)), new AtomicBoolean(), null);
    List<CSVRecord> ra = read(a);
    List<CSVRecord> rb = read(b);
    assertEquals(3, ra.size());
    assertEquals(List.of(MetricsCsv.HEADER), ra.get(0).getParser().getHeaderNames());
    for (int i = 0; i < 3; i++) {
      assertEquals(String.valueOf(i), ra.get(i).get("epoch"), "numbered from 0, as Keras' CSVLogger does");
      for (String column : List.of("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate")) {
        assertEquals(ra.get(i).get(column), rb.get(i).get(column), column + " at epoch " + (i + 1));
        Double.parseDouble(ra.get(i).get(column));
      }
      assertTrue(Double.parseDouble(ra.get(i).get("images_per_second")) > 0);
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() {
    // A rate of zero never improves after the first epoch: patience 2 stops at epoch 3 and keeps epoch 1.
    TrainingConfig c = config("flatten dense(10)", 10, 1e-12, 2);
    TrainingResult r = fit(c, List.of(), new AtomicBoolean(), null);
    assertEquals(TrainingResult.StopReason.EARLY_STOPPED, r.stopReason());
    assertEquals(3, r.history().size());
    assertEquals(1, r.bestEpoch());
  }

  @Test
  void aStopRequestEndsAfterTheCurrentStepWithConsistentWeights() {
    AtomicBoolean stop = new AtomicBoolean();
    List<Integer> steps = new ArrayList<>();
    TrainingListener stopAtThird = new TrainingListener() {
      @Override
      public void onStep(StepMetrics s) {
        steps.add(s.stepInEpoch());
        if (s.epoch() == 2 && s.stepInEpoch() == 3) {
          stop.set(true);
        }
      }
    };
    TrainingResult r = fit(config("flatten dense(10)", 5, 0.01, 0), List.of(stopAtThird), stop, null);
    assertEquals(TrainingResult.StopReason.INTERRUPTED, r.stopReason());
    assertEquals(1, r.history().size(), "the unfinished epoch is not reported");
    assertEquals(13, steps.size());
    assertEquals(1, r.bestEpoch());
    assertTrue(r.weights().containsKey("dense1_kernel"));
  }

  @Test
  void divergenceStopsWithAClearMessage() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> fit(config("conv(4,3,relu) flatten dense(10)", 3, 1e35, 0), List.of(), new AtomicBoolean(), null));
    assertTrue(e.getMessage().contains("loss is NaN") || e.getMessage().contains("loss is Infinity"),
        e.getMessage());
    assertTrue(e.getMessage().contains("step"), e.getMessage());
  }

  private static List<CSVRecord> read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }

  @Test
  void metricsOfEarlierVersionsStillResume() throws IOException {
    Path old = dir.resolve("old.csv");
    java.nio.file.Files.writeString(old, "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,"
        + "epoch_seconds,images_per_second\n1,0.5,0.8,0.4,0.85,0.001,2.0,100.0\n");
    Path now = dir.resolve("now.csv");
    MetricsCsv.write(now, MetricsCsv.read(old));
    assertEquals(List.of("epoch,accuracy,loss,val_accuracy,val_loss,learning_rate,epoch_seconds,images_per_second",
        "0,0.800000,0.500000,0.850000,0.400000,0.00100000,2.000,100.0"), java.nio.file.Files.readAllLines(now));
    assertEquals(1, MetricsCsv.read(now).get(0).epoch(), "epoch 0 in the file is the first epoch");
  }

  /** A model with one weight that records what the loop asks of it; it measures no accuracy, as a line model. */
  private static final class Recorder implements Learner {
    final List<Float> rates = new ArrayList<>();
    final List<Long> steps = new ArrayList<>();
    float weight;
    int evaluations;

    @Override
    public StepResult train(digits.data.Batch batch, float rate, long stepNumber, long runSeed) {
      rates.add(rate);
      steps.add(stepNumber);
      weight += 1;
      return new StepResult(10f / stepNumber, -1);
    }

    @Override
    public Evaluation evaluate(digits.data.Batches data) {
      evaluations++;
      return new Evaluation(Double.NaN, weight / 100, data.size());
    }

    @Override
    public Map<String, float[]> weights() {
      return Map.of("w", new float[] {weight});
    }

    @Override
    public void setWeights(Map<String, float[]> values) {
      weight = values.get("w")[0];
    }
  }

  @Test
  void anyLearnerTrainsInTheSameLoopWithItsScheduleAndListeners() {
    Recorder model = new Recorder();
    BatchPipeline train = BatchPipeline.of(data, BatchPipeline.Options.inOrder(50)); // 4 batches an epoch
    List<EpochMetrics> seen = new ArrayList<>();
    TrainingConfig c = config("flatten dense(10)", 3, 0.01, 0);
    TrainingConfig.Optimization oneCycle = new TrainingConfig.Optimization(c.optimization().optimizer(),
        new Schedule(Schedule.Kind.ONE_CYCLE, 0.25, 5, 0.1), 0, 0);
    TrainingConfig.Loop loop = new TrainingConfig.Loop(3, 50, 0, false, 0, digits.inference.Precision.FLOAT32);
    TrainingResult r = new Trainer(oneCycle, loop, 7, List.of(new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        seen.add(m);
      }
    }), new AtomicBoolean()).fit(model, train, train);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), model.steps);
    for (int step = 0; step < 12; step++) {
      assertEquals(oneCycle.rate(step, 4, 12), model.rates.get(step), 1e-7, "step " + step);
    }
    assertEquals(3, model.evaluations, "validated after each epoch");
    assertEquals(3, seen.size());
    assertTrue(Double.isNaN(seen.get(0).trainAccuracy()), "no accuracy where the steps measure none");
    assertEquals(0.12, seen.get(2).validationAccuracy(), 1e-6);
    assertEquals(12f, model.weight, "restore_best off: the last epoch's weights stay");
    assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason());
  }
}
