package digits.train;

/**
 * Side effects of training (progress display, CSV, checkpoints, ...) and the rules that may end it (early
 * stopping): every method has a no-op default.
 */
public interface TrainingListener {
  /** Called once before the first step. */
  default void onStart(int epochs, int stepsPerEpoch) {}

  /** Called after each step. */
  default void onStep(StepMetrics step) {}

  /** Called after each epoch's validation, in the order the listeners were given. */
  default void onEpoch(EpochMetrics metrics) {}

  /** Asked after every listener has seen the epoch: true ends training early. */
  default boolean wantsToStop() {
    return false;
  }

  /** Called once at the end, whether training finished, stopped early or was interrupted. */
  default void onEnd(TrainingResult result) {}
}
