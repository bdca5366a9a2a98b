package digits.cli;

import digits.data.LabeledImages;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Latency of reading one image, and files per second over a folder of PNGs. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Single-image latency (median, p99) and files/s over a folder of PNG digits made from the "
        + "MNIST test set (dark ink on white, 112x112, as a scan would be), one at a time and in batches.")
final class BenchPredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Mixin ModelOption model;

  @Option(names = "--images", defaultValue = "1000", description = "Images to time (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
      description = "Files per batch in the batched reading (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--single", description = "Read each file as one digit, as `predict --single` does (default: "
      + "as a line of digits, which scores several candidate cuts per image).")
  boolean single;

  @Mixin PrecisionOption precision;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    if (images < 1 || batchSize < 1) {
      throw new UsageException("Expected --images >= 1 and --batch-size >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    LabeledImages test = data.load(spec.commandLine().getErr()).test();
    int n = Math.min(images, test.size());
    digits.bench.PredictBenchmark.Result r;
    digits.predict.ModelWork.Cost cost;
    try (digits.predict.DigitRecognizer recognizer =
        digits.predict.DigitRecognizer.load(model.dir, precision.value)) {
      r = digits.bench.PredictBenchmark.run(recognizer, test, n, batchSize,
          digits.predict.ReadRequest.of(single, 0));
      cost = recognizer.cost();
    }
    out.printf("Single image (112x112 scan -> preprocessing -> model), %d images, one thread:%n", r.images());
    out.printf("  latency median %.2f ms, p99 %.2f ms; %.2f%% read correctly%n", r.medianMs(), r.p99Ms(),
        100 * r.accuracy());
    out.printf("Folder of %d PNG files (decode, %s, model), one at a time: %,.0f files/s%n",
        r.files(), single ? "preprocess as one digit" : "segment, preprocess", r.filesPerSecond());
    out.printf("Same folder in batches of %d (prepared on %d cores, shared model calls): %,.0f files/s (%.1fx), "
        + "%.2f%% read correctly%n", r.batchSize(), Runtime.getRuntime().availableProcessors(),
        r.batchedFilesPerSecond(), r.batchedFilesPerSecond() / r.filesPerSecond(), 100 * r.batchedAccuracy());
    digits.bench.CpuPeak peak = digits.bench.CpuPeak.detect();
    double gflops = r.batchedWork().flops() / (r.files() / r.batchedFilesPerSecond()) / 1e9;
    out.printf("  the models' work: %.1f candidate digits a file (%.1f MFLOP each)%s, %.0f GFLOP/s: %.1f%% of the "
        + "estimated peak in %s (%.0f GFLOP/s; %s)%n", (double) r.batchedWork().digits() / r.files(),
        cost.perDigit() / 1e6, r.batchedWork().lines() == 0 ? "" : String.format(java.util.Locale.ROOT,
            " and %.1f lines (%.1f MFLOP each)", (double) r.batchedWork().lines() / r.files(), cost.perLine() / 1e6),
        gflops, 100 * gflops / peak.gflops(precision.value), precision.value.describe(), peak.gflops(precision.value),
        peak.describe());
    return 0;
  }
}
