package digits.train;

import java.util.Map;

/**
 * Keeps the weights of the best epoch so far by validation accuracy (training accuracy without a validation
 * split), or of the last epoch when {@code restoreBest} is off, and counts the epochs since the best.
 */
final class BestWeights implements TrainingListener {
  private final Learner graph;
  private final boolean restoreBest;
  private Map<String, float[]> weights;
  private int epoch;
  private double score;
  private int sinceBest;

  BestWeights(Learner graph, boolean restoreBest, TrainingState start) {
    this.graph = graph;
    this.restoreBest = restoreBest;
    this.weights = start.best();
    this.epoch = start.bestEpoch();
    this.score = start.bestScore();
    this.sinceBest = start.sinceBest();
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    double s = Double.isNaN(m.validationAccuracy()) ? m.trainAccuracy() : m.validationAccuracy();
    boolean improved = s > score;
    if (improved) {
      score = s;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    if (improved || !restoreBest) {
      epoch = m.epoch();
      weights = graph.weights();
    }
  }

  /** Before any complete epoch, the weights as they are (an interrupted first epoch keeps what it learned). */
  void keepCurrentIfNone() {
    if (weights == null) {
      weights = graph.weights();
    }
  }

  Map<String, float[]> weights() {
    return weights;
  }

  int epoch() {
    return epoch;
  }

  double score() {
    return score;
  }

  int sinceBest() {
    return sinceBest;
  }
}
