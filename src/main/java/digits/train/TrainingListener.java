package digits.train;

/** Side effects of training (progress display, CSV, ...): every method has a no-op default. */
public interface TrainingListener {
  /** Called once before the first step. */
  default void onStart(int epochs, int stepsPerEpoch) {}

  /** Called after each step with the running means of the epoch so far. */
  default void onStep(int epoch, int stepInEpoch, double meanLoss, double meanAccuracy, double imagesPerSecond) {}

  /** Called after each epoch's validation. */
  default void onEpoch(EpochMetrics metrics) {}

  /** Called once at the end, whether training finished, stopped early or was interrupted. */
  default void onEnd(TrainingResult result) {}
}
