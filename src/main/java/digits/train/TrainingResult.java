package digits.train;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Trainer#fit}: the history, the epoch whose weights were kept, those weights, and why
 * training ended.
 */
public record TrainingResult(List<EpochMetrics> history, int bestEpoch, Map<String, float[]> weights,
    StopReason stopReason, double trainingSeconds) {
  /** Why the loop ended. */
  public enum StopReason { COMPLETED, EARLY_STOPPED, INTERRUPTED }
}
