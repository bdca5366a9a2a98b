package digits.train;

import digits.data.Batch;
import digits.data.BatchPipeline;
import digits.data.Batches;
import digits.io.CrashPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The training loop: epochs over the training batches, one scheduled update per batch, validation after each
 * epoch; for the digit model and the line model alike ({@link Learner}). Keeping the best weights, checkpoints and
 * early stopping are listeners ({@link BestWeights}, {@link Checkpointing}, {@link EarlyStopping}), as are the
 * caller's side effects.
 */
public final class Trainer {
  private final TrainingConfig.Optimization optimization;
  private final TrainingConfig.Loop loop;
  private final long seed;
  private final List<TrainingListener> listeners;
  private final AtomicBoolean stopRequested;

  /**
   * @param stopRequested set it (from a signal handler, say) to stop after the current step; the result then
   *     holds what the run has so far
   */
  public Trainer(TrainingConfig config, List<TrainingListener> listeners, AtomicBoolean stopRequested) {
    this(config.optimization(), config.loop(), config.seed(), listeners, stopRequested);
  }

  /** A loop of {@code loop}'s epochs, moving the weights as {@code optimization} says; {@code seed} keys dropout. */
  public Trainer(TrainingConfig.Optimization optimization, TrainingConfig.Loop loop, long seed,
      List<TrainingListener> listeners, AtomicBoolean stopRequested) {
    this.optimization = optimization;
    this.loop = loop;
    this.seed = seed;
    this.listeners = List.copyOf(listeners);
    this.stopRequested = stopRequested;
  }

  /** Trains {@code model} on {@code train}, validating on {@code validation} (may be null). */
  public TrainingResult fit(Learner model, Batches train, Batches validation) {
    try {
      return fit(model, train, validation, TrainingState.FRESH, null);
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
    return fit(graph, train, validation, start,
        checkpoint == null ? null : best -> new Checkpointing(checkpoint, graph, best, start));
  }

  /** The loop; {@code checkpointing} (may be null) makes the listener that saves each epoch. */
  private TrainingResult fit(Learner graph, Batches train, Batches validation, TrainingState start,
      Function<BestWeights, TrainingListener> checkpointing) throws IOException {
    int stepsPerEpoch = train.batchesPerEpoch();
    long totalSteps = (long) stepsPerEpoch * loop.epochs();
    BestWeights best = new BestWeights(graph, loop.restoreBest(), start);
    List<TrainingListener> all = new ArrayList<>(List.of(best));
    if (checkpointing != null) {
      all.add(checkpointing.apply(best));
    }
    all.addAll(listeners);
    all.add(new EarlyStopping(loop.patience(), best));
    List<EpochMetrics> history = new ArrayList<>(start.history());
    long step = start.step();
    long startTime = System.nanoTime();
    all.forEach(l -> l.onStart(loop.epochs(), stepsPerEpoch));
    TrainingResult.StopReason reason = all.stream().anyMatch(TrainingListener::wantsToStop)
        ? TrainingResult.StopReason.EARLY_STOPPED : TrainingResult.StopReason.COMPLETED;
    for (int epoch = start.epochsDone() + 1; epoch <= loop.epochs()
        && reason == TrainingResult.StopReason.COMPLETED; epoch++) {
      long epochStart = System.nanoTime();
      EpochRun run = runEpoch(graph, train, epoch, step, stepsPerEpoch, totalSteps, all);
      step = run.step();
      if (run.interrupted()) {
        reason = TrainingResult.StopReason.INTERRUPTED;
        break;
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      Evaluation val = validation == null ? null : graph.evaluate(validation);
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

  private EpochRun runEpoch(Learner graph, Batches train, int epoch, long step, int stepsPerEpoch,
      long totalSteps, List<TrainingListener> all) {
    long epochStart = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    long seen = 0;
    double rate = 0;
    try (Batches.Stream batches = train.epoch(epoch - 1)) {
      int inEpoch = 0;
      while (batches.hasNext()) {
        Batch batch = batches.next();
        rate = optimization.rate(step, stepsPerEpoch, totalSteps);
        step++;
        CrashPoint.reach("step", step);
        Learner.StepResult r = graph.train(batch, (float) rate, step, seed);
        if (!Float.isFinite(r.loss())) {
          throw new IllegalStateException("Training diverged: loss is " + r.loss() + " at epoch " + epoch
              + ", step " + step + " (learning rate " + rate + "); try a lower learning_rate");
        }
        lossSum += (double) r.loss() * batch.size();
        correct = r.correct() < 0 || correct < 0 ? -1 : correct + r.correct();
        seen += batch.size();
        inEpoch++;
        StepMetrics metrics = new StepMetrics(epoch, inEpoch, lossSum / seen, accuracy(correct, seen),
            seen / ((System.nanoTime() - epochStart) / 1e9));
        all.forEach(l -> l.onStep(metrics));
        if (stopRequested.get()) {
          break;
        }
      }
    }
    boolean cut = stopRequested.get() && seen < train.size();
    return new EpochRun(seen == 0 ? Double.NaN : lossSum / seen, accuracy(correct, seen), seen, rate, step, cut);
  }

  /** The share right, NaN where nothing was seen or the steps measured no accuracy ({@code correct} -1). */
  private static double accuracy(long correct, long seen) {
    return seen == 0 || correct < 0 ? Double.NaN : (double) correct / seen;
  }
}
