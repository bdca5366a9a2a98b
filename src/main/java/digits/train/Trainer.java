package digits.train;

import digits.data.Batch;
import digits.data.BatchPipeline;
import digits.io.CrashPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training loop: epochs over the training pipeline, one scheduled update per batch, validation after each
 * epoch, early stopping on validation accuracy, and the best weights kept. Side effects go to listeners.
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
   * be null) after every epoch.
   */
  public TrainingResult fit(TrainingGraph graph, BatchPipeline train, BatchPipeline validation,
      TrainingState start, Checkpoint checkpoint) throws IOException {
    int stepsPerEpoch = train.batchesPerEpoch();
    long totalSteps = (long) stepsPerEpoch * config.epochs();
    List<EpochMetrics> history = new ArrayList<>(start.history());
    Map<String, float[]> best = start.best();
    int bestEpoch = start.bestEpoch();
    double bestAccuracy = start.bestScore();
    int sinceBest = start.sinceBest();
    long step = start.step();
    long startTime = System.nanoTime();
    TrainingResult.StopReason reason = TrainingResult.StopReason.COMPLETED;
    listeners.forEach(l -> l.onStart(config.epochs(), stepsPerEpoch));
    if (config.patience() > 0 && sinceBest >= config.patience()) {
      reason = TrainingResult.StopReason.EARLY_STOPPED;
    }

    int first = start.epochsDone() + 1;
    for (int epoch = first; epoch <= config.epochs() && reason == TrainingResult.StopReason.COMPLETED; epoch++) {
      long epochStart = System.nanoTime();
      double lossSum = 0;
      long correct = 0;
      long seen = 0;
      double rate = 0;
      boolean interrupted = false;
      try (BatchPipeline.Stream batches = train.epoch(epoch - 1)) {
        int inEpoch = 0;
        while (batches.hasNext()) {
          Batch batch = batches.next();
          rate = config.schedule().rate(config.optimizer().learningRate(), step, stepsPerEpoch, totalSteps);
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
          double seconds = (System.nanoTime() - epochStart) / 1e9;
          for (TrainingListener l : listeners) {
            l.onStep(epoch, inEpoch, lossSum / seen, (double) correct / seen, seen / seconds);
          }
          if (stopRequested.get()) {
            interrupted = true;
            break;
          }
        }
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      if (interrupted && seen < train.size()) {
        reason = TrainingResult.StopReason.INTERRUPTED;
        if (history.isEmpty()) {
          best = graph.weights();
        }
        break;
      }
      Evaluation val = validation == null ? null : Evaluation.of(graph, validation);
      EpochMetrics metrics = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen,
          val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(), rate, seconds,
          seen / seconds);
      history.add(metrics);
      double score = val == null ? metrics.trainAccuracy() : val.accuracy();
      boolean improved = score > bestAccuracy;
      if (improved) {
        bestAccuracy = score;
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      if (improved || !config.restoreBest()) {
        bestEpoch = epoch;
        best = graph.weights();
      }
      if (checkpoint != null) {
        checkpoint.save(graph, new TrainingState(epoch, step, bestEpoch, bestAccuracy, sinceBest, history, best));
      }
      // After the checkpoint: a listener's file (metrics.csv) never claims an epoch the checkpoint lacks.
      listeners.forEach(l -> l.onEpoch(metrics));
      if (config.patience() > 0 && sinceBest >= config.patience()) {
        reason = TrainingResult.StopReason.EARLY_STOPPED;
        break;
      }
      if (stopRequested.get()) {
        reason = TrainingResult.StopReason.INTERRUPTED;
        break;
      }
    }
    if (best != null) {
      graph.setWeights(best);
    }
    TrainingResult result = new TrainingResult(List.copyOf(history), bestEpoch, best, reason,
        (System.nanoTime() - startTime) / 1e9);
    listeners.forEach(l -> l.onEnd(result));
    return result;
  }
}
