package digits.bench;

import digits.data.Datasets;
import digits.run.RunFolder;
import digits.run.TrainingRequest;
import digits.run.TrainingRun;
import digits.train.EpochMetrics;
import digits.train.TrainingConfig;
import digits.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/** Resident memory over a long run: with every Tensor and Result closed, native memory does not grow. */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  /**
   * Trains {@code config} into a new folder under {@code runsDir} and returns the resident memory in KiB after
   * each epoch (after a garbage collection), also handed to {@code perEpoch} as it is measured.
   */
  public static List<Long> run(TrainingConfig config, Map<String, String> settings, Datasets.Loaded data,
      Path runsDir, BiConsumer<Integer, Long> perEpoch, PrintWriter log) throws IOException {
    List<Long> rss = new ArrayList<>();
    TrainingListener probe = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        System.gc();
        rss.add(TrainingBenchmark.residentKb());
        perEpoch.accept(m.epoch(), rss.get(rss.size() - 1));
      }
    };
    Path dir = runsDir.resolve("bench-memory-" + RunFolder.timestamp());
    TrainingRun.run(TrainingRequest.fresh(config, settings, data, dir, List.of(probe), new AtomicBoolean(), log));
    return rss;
  }
}
