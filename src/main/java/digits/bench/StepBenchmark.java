package digits.bench;

import digits.data.Batch;
import digits.data.BatchPipeline;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.model.Network;
import digits.train.TrainingConfig;
import digits.train.TrainingGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one training step's time goes: creating the input tensors, the session run on batches held in memory, the
 * same fed by the prefetching pipeline, and TensorFlow's trace of the ops ({@link StepTrace}).
 */
public final class StepBenchmark {
  /** Batches held in memory for the timed steps. */
  private static final int HELD = 50;
  private static final int WARM_UP = 20;
  private static final int TENSOR_REPS = 2000;

  /**
   * What was measured.
   *
   * @param byPhase traced op time (microseconds, summed over the traced steps) per phase: forward, backward, update
   * @param byType traced op time per kernel type, largest first
   * @param tracedMicros all traced op time (parallel ops overlap, so it can exceed the wall time)
   */
  public record Result(long parameters, long trainingFlopsPerImage, int batchSize, double tensorMicros, double heldMs,
      double pipelineMs, Map<String, Long> byPhase, Map<String, Long> byType, long tracedMicros, int tracedSteps) {
    public double heldImagesPerSecond() {
      return batchSize * 1000 / heldMs;
    }

    public double pipelineImagesPerSecond() {
      return batchSize * 1000 / pipelineMs;
    }
  }

  private StepBenchmark() {}

  /** Times {@code steps} steps each way and traces {@code traceSteps}, training {@code config}'s net on {@code train}. */
  public static Result measure(TrainingConfig config, LabeledImages train, int steps, int traceSteps) {
    Network network = config.network(train.height(), train.width(), train.classes(),
        config.data().standardize() ? Normalization.of(train) : Normalization.UNIT);
    BatchPipeline pipeline = BatchPipeline.of(train, new BatchPipeline.Options(config.loop().batchSize(), true, true,
        Normalization.UNIT, config.augmentation(), config.loop().prefetch(), config.seed()));
    List<Batch> held = new ArrayList<>();
    try (BatchPipeline.Stream epoch = pipeline.epoch(0)) {
      while (epoch.hasNext() && held.size() < HELD) {
        held.add(epoch.next());
      }
    }
    float rate = (float) config.optimization().optimizer().learningRate();
    long seed = config.seed();
    try (TrainingGraph graph = TrainingGraph.of(network, network.initialWeights(seed), config)) {
      long step = 0;
      for (int i = 0; i < WARM_UP; i++) {
        graph.train(held.get(i % held.size()), rate, ++step, seed);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < TENSOR_REPS; i++) {
        try (var x = TrainingGraph.images(held.get(i % held.size()))) {
          x.shape();
        }
      }
      double tensorMicros = (System.nanoTime() - t0) / 1e3 / TENSOR_REPS;

      t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        graph.train(held.get(i % held.size()), rate, ++step, seed);
      }
      double heldMs = (System.nanoTime() - t0) / 1e6 / steps;

      t0 = System.nanoTime();
      int fed = 0;
      for (int e = 1; fed < steps; e++) {
        try (BatchPipeline.Stream epoch = pipeline.epoch(e)) {
          while (epoch.hasNext() && fed < steps) {
            graph.train(epoch.next(), rate, ++step, seed);
            fed++;
          }
        }
      }
      double pipelineMs = (System.nanoTime() - t0) / 1e6 / steps;

      Map<String, Long> byType = new HashMap<>();
      Map<String, Long> byPhase = new LinkedHashMap<>();
      for (String phase : List.of("forward", "backward", "update")) {
        byPhase.put(phase, 0L);
      }
      long total = 0;
      for (int i = 0; i < traceSteps; i++) {
        for (StepTrace.OpTime op : StepTrace.of(graph, held.get(i % held.size()), rate, ++step, seed)) {
          byType.merge(op.type(), op.micros(), Long::sum);
          byPhase.merge(StepTrace.phase(op), op.micros(), Long::sum);
          total += op.micros();
        }
      }
      Map<String, Long> sorted = new LinkedHashMap<>();
      byType.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return new Result(network.parameterCount(), network.trainingFlopsPerImage(), config.loop().batchSize(),
          tensorMicros, heldMs, pipelineMs, byPhase, sorted, total, traceSteps);
    }
  }
}
