package digits.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a {@link Checkpoint} after every epoch: the graph's variables and the Java-side state, best weights
 * included. It runs before the listeners that write files of their own (metrics.csv), so that none of them ever
 * claims an epoch the checkpoint lacks.
 */
final class Checkpointing implements TrainingListener {
  private final Checkpoint checkpoint;
  private final TrainingGraph graph;
  private final BestWeights best;
  private final List<EpochMetrics> history;
  private int stepsPerEpoch;

  Checkpointing(Checkpoint checkpoint, TrainingGraph graph, BestWeights best, TrainingState start) {
    this.checkpoint = checkpoint;
    this.graph = graph;
    this.best = best;
    this.history = new ArrayList<>(start.history());
  }

  @Override
  public void onStart(int epochs, int stepsPerEpoch) {
    this.stepsPerEpoch = stepsPerEpoch;
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    history.add(m);
    try {
      checkpoint.save(graph, new TrainingState(m.epoch(), (long) m.epoch() * stepsPerEpoch, best.epoch(),
          best.score(), best.sinceBest(), history, best.weights()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
