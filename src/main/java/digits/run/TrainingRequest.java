package digits.run;

import digits.data.Datasets;
import digits.train.TrainingConfig;
import digits.train.TrainingGraph;
import digits.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What {@link TrainingRun} is asked to do.
 *
 * @param config the recipe
 * @param settings the same recipe as resolved keys, written to {@code config.properties} for a fresh run
 * @param data the dataset
 * @param dir the run folder
 * @param start a fresh run, or one resumed from its checkpoint
 * @param listeners side effects beyond the run's own files (progress, benchmarks' probes)
 * @param graphListeners listeners that need the run's graph (a benchmark's per-epoch test evaluation), made once
 *     the graph exists
 * @param stop set it to stop after the current step
 * @param log where progress lines go
 */
public record TrainingRequest(TrainingConfig config, Map<String, String> settings, Datasets.Loaded data, Path dir,
    Start start, List<TrainingListener> listeners, List<Function<TrainingGraph, TrainingListener>> graphListeners,
    AtomicBoolean stop, PrintWriter log) {
  /** A fresh run into a new folder, or a resumed one. */
  public enum Start { FRESH, RESUME }

  public TrainingRequest {
    listeners = List.copyOf(listeners);
    graphListeners = List.copyOf(graphListeners);
  }

  /** A fresh run with {@code listeners} and nothing else special. */
  public static TrainingRequest fresh(TrainingConfig config, Map<String, String> settings, Datasets.Loaded data,
      Path dir, List<TrainingListener> listeners, AtomicBoolean stop, PrintWriter log) {
    return new TrainingRequest(config, settings, data, dir, Start.FRESH, listeners, List.of(), stop, log);
  }
}
