package digits.train;

import java.util.List;
import java.util.Map;

/**
 * Everything the training loop keeps in Java between epochs: with the graph's variables (weights, optimizer
 * slots, batch-norm statistics) it is all a resumed run needs. Random draws are derived from (seed, epoch,
 * batch, step), so no random generator state has to be kept.
 *
 * @param epochsDone completed epochs (the next one is {@code epochsDone + 1})
 * @param step updates applied so far
 * @param best weights of the best epoch so far (null before the first epoch)
 */
public record TrainingState(int epochsDone, long step, int bestEpoch, double bestScore, int sinceBest,
    List<EpochMetrics> history, Map<String, float[]> best) {

  public static final TrainingState FRESH = new TrainingState(0, 0, 0, Double.NEGATIVE_INFINITY, 0, List.of(), null);

  public TrainingState {
    history = List.copyOf(history);
  }
}
