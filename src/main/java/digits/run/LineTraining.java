package digits.run;

import digits.data.Augmentation;
import digits.data.Batch;
import digits.data.Batches;
import digits.data.LabeledImages;
import digits.data.Prefetched;
import digits.data.Warp;
import digits.export.SavedModelExport;
import digits.model.Architecture;
import digits.model.LineNetwork;
import digits.predict.search.Ctc;
import digits.predict.segment.LineInput;
import digits.samples.LineSamples;
import digits.train.EpochMetrics;
import digits.train.Evaluation;
import digits.train.Learner;
import digits.train.LineGraph;
import digits.train.Trainer;
import digits.train.TrainingConfig;
import digits.train.TrainingListener;
import digits.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains the line model of a run ({@code line_steps} above 0): lines of the training split's digits, distorted as
 * the network's images are ({@link LineSamples}), read whole by a {@link LineNetwork} trained with CTC in the same
 * {@link Trainer} loop as the digit model (the steps in {@link TrainingConfig#LINE_EPOCHS} epochs of fresh lines,
 * each followed by a check on lines of the validation split's digits), and exported as {@code line_model/} beside
 * {@code saved_model/}.
 */
final class LineTraining {
  /** Lines per step. */
  static final int BATCH = 64;
  private static final int EPOCHS = TrainingConfig.LINE_EPOCHS;
  /** Lines of validation digits the model is checked on after each epoch. */
  static final int CHECK_LINES = 500;

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
    int perEpoch = config.lineSteps() / EPOCHS;
    log.printf(Locale.ROOT, "Training the line model: %,d steps of %d lines, %,d parameters, %s%n",
        perEpoch * EPOCHS, BATCH, network.parameterCount(), config.loop().precision().describe());
    long seed = config.seed() + 3;
    TrainingConfig.Loop loop = new TrainingConfig.Loop(EPOCHS, BATCH, 0, false, 0, config.loop().precision());
    Lines fresh = new Lines(digits(images, train, config.augmentation()), perEpoch, seed);
    Check check = validation.length == 0 ? null
        : new Check(LineSamples.draw(digits(images, validation, Augmentation.NONE), 0, CHECK_LINES, seed + 1).batch());
    try (LineGraph graph = new LineGraph(network, network.initialWeights(seed), config.optimization().optimizer(),
        LineInput.MAX_DIGITS, loop.precision())) {
      TrainingResult result = new Trainer(config.optimization(), loop, seed, List.of(new Progress(log, perEpoch)),
          stop).fit(new Reading(graph), fresh, check);
      if (result.stopReason() == TrainingResult.StopReason.INTERRUPTED) {
        log.println("Line model stopped before its last step: not exported");
        return null;
      }
      SavedModelExport.export(network, graph.weights(), dir);
      EpochMetrics last = result.history().get(result.history().size() - 1);
      if (check == null) {
        return new Result(Double.NaN, 0);
      }
      log.printf(Locale.ROOT, "Line model: %.2f%% of %,d lines of validation digits read exactly; saved to %s%n",
          100 * last.validationAccuracy(), CHECK_LINES, dir);
      return new Result(last.validationAccuracy(), CHECK_LINES);
    }
  }

  /** Prints each epoch's loss, check and pace. */
  private record Progress(PrintWriter log, int perEpoch) implements TrainingListener {
    @Override
    public void onEpoch(EpochMetrics m) {
      log.printf(Locale.ROOT, "Line model step %,d/%,d: loss %.3f, %s%.0f lines/s%n", m.epoch() * perEpoch,
          EPOCHS * perEpoch, m.trainLoss(), Double.isNaN(m.validationAccuracy()) ? ""
              : String.format(Locale.ROOT, "%.2f%% of check lines exact, ", 100 * m.validationAccuracy()),
          m.imagesPerSecond());
      log.flush();
    }
  }

  /** The line graph as the loop trains it: scored by the share of lines its best frame path reads exactly. */
  private record Reading(LineGraph graph) implements Learner {
    @Override
    public StepResult train(Batch batch, float rate, long stepNumber, long runSeed) {
      return graph.train(batch, rate, stepNumber, runSeed);
    }

    @Override
    public Evaluation evaluate(Batches data) {
      int frames = graph.network().frames();
      int classes = graph.network().classes() + 1;
      int right = 0;
      int count = 0;
      try (Batches.Stream batches = data.epoch(0)) {
        while (batches.hasNext()) {
          Batch lines = batches.next();
          float[] logProbs = graph.logProbabilities(lines.images(), lines.size());
          for (int i = 0; i < lines.size(); i++) {
            StringBuilder truth = new StringBuilder();
            for (int k = 0; k < LineInput.MAX_DIGITS && lines.labels()[i * LineInput.MAX_DIGITS + k] >= 0; k++) {
              truth.append(lines.labels()[i * LineInput.MAX_DIGITS + k]);
            }
            if (Ctc.greedy(logProbs, i * frames * classes, frames, classes).contentEquals(truth)) {
              right++;
            }
          }
          count += lines.size();
        }
      }
      return new Evaluation(Double.NaN, (double) right / count, count);
    }

    @Override
    public Map<String, float[]> weights() {
      return graph.weights();
    }

    @Override
    public void setWeights(Map<String, float[]> values) {
      graph.setWeights(values);
    }
  }

  /**
   * Epochs of {@code perEpoch} batches of {@link #BATCH} lines drawn from {@code digits}, new lines every epoch:
   * line {@code k} of the run is the {@code k}-th that {@code seed} draws. The next batch is drawn while the model
   * trains on this one.
   */
  private record Lines(LineSamples.Digits digits, int perEpoch, long seed) implements Batches {
    @Override
    public int size() {
      return perEpoch * BATCH;
    }

    @Override
    public int batchesPerEpoch() {
      return perEpoch;
    }

    @Override
    public Stream epoch(int epoch) {
      return new Prefetched(perEpoch,
          k -> LineSamples.draw(digits, (epoch * perEpoch + k) * BATCH, BATCH, seed).batch(), 1);
    }
  }

  /** The same lines every epoch: the check. */
  private record Check(Batch lines) implements Batches {
    @Override
    public int size() {
      return lines.size();
    }

    @Override
    public int batchesPerEpoch() {
      return 1;
    }

    @Override
    public Stream epoch(int epoch) {
      return Stream.of(List.of(lines).iterator());
    }
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
