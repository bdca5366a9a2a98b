package digits.train;

import digits.data.Batch;
import digits.data.BatchPipeline;
import digits.io.CrashPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training loop: epochs over the training pipeline, one scheduled update per batch, validation after each
 * epoch. Keeping the best weights, checkpoints and early stopping are listeners ({@link BestWeights},
 * {@link Checkpointing}, {@link EarlyStopping}), as are the caller's side effects.
 */
public final class Trainer {
  private final TrainingConfig config;
  private final List<TrainingListener> listeners;
  private final AtomicBoolean stopRequested;

  /**
   * @param stopRequested set it (from a signal handler, say) to stop after the current step; the result then
   *     holds what the run has so far
   */
  public Trainer(TrainingConfig config, List<TrainingListener> listeners, AtomicBoolean stopRequested) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
    this.stopRequested = stopRequested;
  }

  /** Trains {@code graph} on {@code train}, validating on {@code validation} (may be null). */
  public TrainingResult fit(TrainingGraph graph, BatchPipeline train, BatchPipeline validation) {
    try {
      return fit(graph, train, validation, TrainingState.FRESH, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Trains from {@code start} (the graph already holds the matching variables), saving {@code checkpoint} (may
   * be null) after every epoch. The loop itself only steps, validates and asks its listeners: best weights, the
   * checkpoint and early stopping are listeners too, run in that order before the caller's.
   */
  public TrainingResult fit(TrainingGraph graph, BatchPipeline train, BatchPipeline validation,
      TrainingState start, Checkpoint checkpoint) throws IOException {
    int stepsPerEpoch = train.batchesPerEpoch();
    long totalSteps = (long) stepsPerEpoch * config.loop().epochs();
    BestWeights best = new BestWeights(graph, config.loop().restoreBest(), start);
    List<TrainingListener> all = new ArrayList<>(List.of(best));
    if (checkpoint != null) {
      all.add(new Checkpointing(checkpoint, graph, best, start));
    }
    all.addAll(listeners);
    all.add(new EarlyStopping(config.loop().patience(), best));
    List<EpochMetrics> history = new ArrayList<>(start.history());
    long step = start.step();
    long startTime = System.nanoTime();
    all.forEach(l -> l.onStart(config.loop().epochs(), stepsPerEpoch));
    TrainingResult.StopReason reason = all.stream().anyMatch(TrainingListener::wantsToStop)
        ? TrainingResult.StopReason.EARLY_STOPPED : TrainingResult.StopReason.COMPLETED;
    for (int epoch = start.epochsDone() + 1; epoch <= config.loop().epochs()
        && reason == TrainingResult.StopReason.COMPLETED; epoch++) {
      long epochStart = System.nanoTime();
      EpochRun run = runEpoch(graph, train, epoch, step, stepsPerEpoch, totalSteps, all);
      step = run.step();
      if (run.interrupted()) {
        reason = TrainingResult.StopReason.INTERRUPTED;
        break;
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      Evaluation val = validation == null ? null : Evaluation.of(graph, validation);
      EpochMetrics metrics = new EpochMetrics(epoch, run.meanLoss(), run.meanAccuracy(),
          val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(), run.rate(), seconds,
          run.seen() / seconds);
      history.add(metrics);
      all.forEach(l -> l.onEpoch(metrics));
      if (all.stream().anyMatch(TrainingListener::wantsToStop)) {
        reason = TrainingResult.StopReason.EARLY_STOPPED;
      } else if (stopRequested.get()) {
        reason = TrainingResult.StopReason.INTERRUPTED;
      }
    }
    if (reason == TrainingResult.StopReason.INTERRUPTED) {
      best.keepCurrentIfNone();
    }
    if (best.weights() != null) {
      graph.setWeights(best.weights());
    }
    TrainingResult result = new TrainingResult(List.copyOf(history), best.epoch(), best.weights(), reason,
        (System.nanoTime() - startTime) / 1e9);
    all.forEach(l -> l.onEnd(result));
    return result;
  }

  /** One epoch's steps: the running means, the last learning rate, the step counter, and whether it was cut. */
  private record EpochRun(double meanLoss, double meanAccuracy, long seen, double rate, long step,
      boolean interrupted) {}

  private EpochRun runEpoch(TrainingGraph graph, BatchPipeline train, int epoch, long step, int stepsPerEpoch,
      long totalSteps, List<TrainingListener> all) {
    long epochStart = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    long seen = 0;
    double rate = 0;
    try (BatchPipeline.Stream batches = train.epoch(epoch - 1)) {
      int inEpoch = 0;
      while (batches.hasNext()) {
        Batch batch = batches.next();
        rate = config.optimization().rate(step, stepsPerEpoch, totalSteps);
        step++;
        CrashPoint.reach("step", step);
        TrainingGraph.StepResult r = graph.train(batch, (float) rate, step, config.seed());
        if (!Float.isFinite(r.loss())) {
          throw new IllegalStateException("Training diverged: loss is " + r.loss() + " at epoch " + epoch
              + ", step " + step + " (learning rate " + rate + "); try a lower learning_rate");
        }
        lossSum += (double) r.loss() * batch.size();
        correct += r.correct();
        seen += batch.size();
        inEpoch++;
        StepMetrics metrics = new StepMetrics(epoch, inEpoch, lossSum / seen, (double) correct / seen,
            seen / ((System.nanoTime() - epochStart) / 1e9));
        all.forEach(l -> l.onStep(metrics));
        if (stopRequested.get()) {
          break;
        }
      }
    }
    boolean cut = stopRequested.get() && seen < train.size();
    return new EpochRun(seen == 0 ? Double.NaN : lossSum / seen, seen == 0 ? Double.NaN : (double) correct / seen,
        seen, rate, step, cut);
  }
}
