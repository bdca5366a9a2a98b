package digits.bench;

import digits.data.BatchPipeline;
import digits.data.Datasets;
import digits.run.Outcome;
import digits.run.Profile;
import digits.run.RunFolder;
import digits.run.TrainingRequest;
import digits.run.TrainingRun;
import digits.train.EpochMetrics;
import digits.train.Evaluation;
import digits.train.StepMetrics;
import digits.train.TrainingConfig;
import digits.train.TrainingGraph;
import digits.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains a profile into a new run folder and measures it: seconds and images per second, when validation and test
 * accuracy first reach a target (the test set is evaluated after every epoch, reported only, never used to
 * choose), final accuracy, peak resident memory.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  /** What one profile's benchmark measured. */
  public record Result(String profile, TrainingConfig config, long parameters, long trainingFlopsPerImage,
      List<EpochMetrics> history,
      List<Evaluation> testPerEpoch, double trainingSeconds, double imagesPerSecond, double validationAccuracy,
      double testAccuracy, int keptEpoch, int validationEpoch, int testEpoch, double secondsToTarget,
      double wallSeconds, long peakMiB, Path dir) {}

  /** Trains {@code profile} into a new run folder, evaluating the test set after every epoch (reported only). */
  public static Result measure(String profile, Map<String, String> overrides, Path profilesDir, Path dataRoot,
      Path runsDir, double target, PrintWriter log, TrainingListener progress) throws IOException {
    long start = System.nanoTime();
    Map<String, String> settings = Profile.merge(Profile.read(profile, profilesDir), overrides);
    TrainingConfig config = Profile.toConfig(settings);
    Datasets.Loaded data = Datasets.load(config.data().dataset(), dataRoot, log);
    String name = "bench-" + Path.of(profile).getFileName().toString().replace(".properties", "") + "-"
        + RunFolder.timestamp();
    Path dir = runsDir.resolve(name);
    long[] peakKb = {residentKb()};
    TrainingListener memory = new TrainingListener() {
      @Override
      public void onStep(StepMetrics s) {
        if (s.stepInEpoch() % 50 == 0) {
          peakKb[0] = Math.max(peakKb[0], residentKb());
        }
      }

      @Override
      public void onEpoch(EpochMetrics m) {
        peakKb[0] = Math.max(peakKb[0], residentKb());
      }
    };
    // For benchmarks only: when the test accuracy reaches the target; never used to choose anything.
    List<Evaluation> testPerEpoch = new ArrayList<>();
    BatchPipeline testBatches = BatchPipeline.of(data.test(), BatchPipeline.Options.inOrder(500));
    java.util.function.Function<TrainingGraph, TrainingListener> testEachEpoch = graph -> new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        testPerEpoch.add(graph.evaluate(testBatches));
      }
    };
    Outcome o = TrainingRun.run(new TrainingRequest(config, settings, data, dir, TrainingRequest.Start.FRESH,
        List.of(progress, memory), List.of(testEachEpoch), new AtomicBoolean(),
        log));
    List<EpochMetrics> h = o.training().history();
    double trainSeconds = h.stream().mapToDouble(EpochMetrics::epochSeconds).sum();
    double images = h.stream().mapToDouble(m -> m.imagesPerSecond() * m.epochSeconds()).sum();
    int valEpoch = 0;
    int testEpoch = 0;
    double cumulative = 0;
    double toTarget = Double.NaN;
    for (int i = 0; i < h.size(); i++) {
      cumulative += h.get(i).epochSeconds();
      if (valEpoch == 0 && h.get(i).validationAccuracy() >= target) {
        valEpoch = h.get(i).epoch();
      }
      if (testEpoch == 0 && testPerEpoch.get(i).accuracy() >= target) {
        testEpoch = h.get(i).epoch();
        toTarget = cumulative;
      }
    }
    return new Result(profile, config, o.network().parameterCount(), o.network().trainingFlopsPerImage(), h,
        List.copyOf(testPerEpoch), trainSeconds,
        images / trainSeconds, o.validation() == null ? Double.NaN : o.validation().accuracy(), o.test().accuracy(),
        o.training().bestEpoch(), valEpoch, testEpoch, toTarget, (System.nanoTime() - start) / 1e9,
        Math.max(peakKb[0], residentKb()) / 1024, dir);
  }

  /** Resident memory of this process in KiB ({@code /proc/self/status}), or 0 where there is no /proc. */
  public static long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no /proc
    }
    return 0;
  }
}
