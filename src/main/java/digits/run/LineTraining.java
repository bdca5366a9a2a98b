package digits.run;

import digits.data.Augmentation;
import digits.data.LabeledImages;
import digits.data.Warp;
import digits.export.SavedModelExport;
import digits.model.Architecture;
import digits.model.LineNetwork;
import digits.predict.search.Ctc;
import digits.predict.segment.LineInput;
import digits.samples.LineSamples;
import digits.train.LineGraph;
import digits.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains the line model of a run ({@code line_steps} above 0): lines of the training split's digits, distorted as
 * the network's images are ({@link LineSamples}), read whole by a {@link LineNetwork} trained with CTC; checked on
 * lines of the validation split's digits and exported as {@code line_model/} beside {@code saved_model/}.
 */
final class LineTraining {
  /** Lines per step. */
  static final int BATCH = 64;
  /** Lines of validation digits the model is checked on. */
  static final int CHECK_LINES = 2000;

  private LineTraining() {}

  /** What the line model read on the validation lines. */
  record Result(double exact, int lines) {}

  /**
   * Trains on {@code train} (indices into {@code images}), checks on {@code validation} (none when empty), exports
   * to {@code dir}; returns null when {@code stop} was raised before the end (nothing is exported then).
   */
  static Result train(TrainingConfig config, LabeledImages images, int[] train, int[] validation, Path dir,
      AtomicBoolean stop, PrintWriter log) throws IOException {
    LineNetwork network = new LineNetwork(Architecture.parse(LineNetwork.ARCHITECTURE), LineInput.HEIGHT,
        LineInput.WIDTH, 10);
    int steps = config.lineSteps();
    log.printf(Locale.ROOT, "Training the line model: %,d steps of %d lines, %,d parameters, %s%n", steps, BATCH,
        network.parameterCount(), config.loop().precision().describe());
    LineSamples.Digits distorted = digits(images, train, config.augmentation());
    long seed = config.seed() + 3;
    try (LineGraph graph = new LineGraph(network, network.initialWeights(seed), config.optimization().optimizer(),
        LineInput.MAX_DIGITS, config.loop().precision())) {
      long started = System.nanoTime();
      double lossSum = 0;
      int report = Math.max(1, steps / 10);
      for (int step = 1; step <= steps; step++) {
        if (stop.get()) {
          log.println("Line model stopped before its last step: not exported");
          return null;
        }
        LineSamples.Lines batch = LineSamples.draw(distorted, (step - 1) * BATCH, BATCH, seed);
        double rate = config.optimization().rate(step - 1, report, steps);
        lossSum += graph.train(batch.images(), batch.labels(), BATCH, (float) rate, step, seed);
        if (step % report == 0 || step == steps) {
          double seconds = (System.nanoTime() - started) / 1e9;
          log.printf(Locale.ROOT, "Line model step %,d/%,d: loss %.3f, %.0f lines/s%n", step, steps,
              lossSum / (step % report == 0 ? report : step % report), (double) step * BATCH / seconds);
          lossSum = 0;
        }
      }
      Result result = validation.length == 0 ? new Result(Double.NaN, 0)
          : check(graph, digits(images, validation, Augmentation.NONE), seed + 1);
      SavedModelExport.export(network, graph.weights(), dir);
      if (result.lines() > 0) {
        log.printf(Locale.ROOT, "Line model: %.2f%% of %,d lines of validation digits read exactly; saved to %s%n",
            100 * result.exact(), result.lines(), dir);
      }
      return result;
    }
  }

  /** The share of {@link #CHECK_LINES} lines the model reads exactly, its best frame path read as text. */
  private static Result check(LineGraph graph, LineSamples.Digits digits, long seed) {
    int frames = graph.network().frames();
    int classes = graph.network().classes() + 1;
    int right = 0;
    for (int from = 0; from < CHECK_LINES; from += 500) {
      int n = Math.min(500, CHECK_LINES - from);
      LineSamples.Lines lines = LineSamples.draw(digits, from, n, seed);
      float[] logProbs = graph.logProbabilities(lines.images(), n);
      for (int i = 0; i < n; i++) {
        StringBuilder truth = new StringBuilder();
        for (int k = 0; k < LineInput.MAX_DIGITS && lines.labels()[i * LineInput.MAX_DIGITS + k] >= 0; k++) {
          truth.append(lines.labels()[i * LineInput.MAX_DIGITS + k]);
        }
        if (Ctc.greedy(logProbs, i * frames * classes, frames, classes).contentEquals(truth)) {
          right++;
        }
      }
    }
    return new Result((double) right / CHECK_LINES, CHECK_LINES);
  }

  /** The digits {@code indices} of {@code images}, each drawn through {@code augmentation}'s distortions. */
  static LineSamples.Digits digits(LabeledImages images, int[] indices, Augmentation augmentation) {
    ThreadLocal<Warp> warps = ThreadLocal.withInitial(() -> new Warp(images.height(), images.width(), augmentation));
    return new LineSamples.Digits() {
      @Override
      public int size() {
        return indices.length;
      }

      @Override
      public int label(int index) {
        return images.label(indices[index]);
      }

      @Override
      public void draw(int index, float[] out, int offset, SplittableRandom random) {
        warps.get().apply(images.pixels(), indices[index] * images.imageSize(), out, offset, random);
      }
    };
  }
}
