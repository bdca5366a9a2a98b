package digits.cli;

import digits.bench.TrainingBenchmark;
import digits.run.Profile;
import digits.train.EpochMetrics;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Trains a profile and prints speed, when 99% was reached, final accuracy and peak memory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a profile and report seconds/epoch, images/s, the epoch where validation and test "
        + "accuracy first reach the target, final test accuracy and peak memory.")
final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", defaultValue = "default", paramLabel = "PROFILE",
      description = "Profile name or file (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
  Map<String, String> overrides = new java.util.LinkedHashMap<>();

  @Option(names = "--target", defaultValue = "0.99", description = "Accuracy to time (default: ${DEFAULT-VALUE}).")
  double target;

  @Mixin TrainingFolders folders;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TrainingBenchmark.Result r = TrainingBenchmark.measure(profile, overrides, folders.profiles, folders.data, folders.runs, target,
        spec.commandLine().getErr(), new ProgressListener(spec.commandLine().getErr(), System.err, false));
    out.printf("%nBenchmark: profile %s, %s, %,d parameters, batch %d, %d cores%n", profile,
        r.config().data().dataset(), r.parameters(), r.config().loop().batchSize(),
        Runtime.getRuntime().availableProcessors());
    out.printf("%-6s %10s %10s %10s %10s %12s%n", "epoch", "seconds", "img/s", "val_acc", "test_acc", "cumulative_s");
    double cumulative = 0;
    for (int i = 0; i < r.history().size(); i++) {
      EpochMetrics m = r.history().get(i);
      cumulative += m.epochSeconds();
      out.printf("%-6d %10.1f %,10.0f %10.4f %10.4f %12.1f%n", m.epoch(), m.epochSeconds(), m.imagesPerSecond(),
          m.validationAccuracy(), r.testPerEpoch().get(i).accuracy(), cumulative);
    }
    out.printf("Seconds per epoch (mean): %.2f%n", r.trainingSeconds() / r.history().size());
    out.printf("Training images/s (mean): %,.0f%n", r.imagesPerSecond());
    out.printf("Validation accuracy first >= %.1f%%: %s%n", 100 * target,
        r.validationEpoch() == 0 ? "never" : "epoch " + r.validationEpoch());
    out.printf("Test accuracy first >= %.1f%%: %s%n", 100 * target, r.testEpoch() == 0 ? "never"
        : String.format("epoch %d (%.1f s of training)", r.testEpoch(), r.secondsToTarget()));
    out.printf("Final test accuracy (weights of epoch %d, chosen on validation): %.2f%%%n", r.keptEpoch(),
        100 * r.testAccuracy());
    out.printf("Wall time, start to exported model: %.1f s%n", r.wallSeconds());
    out.printf("Peak memory (resident): %,d MiB%n", r.peakMiB());
    BenchCommand.printPeakShare(out, r.trainingFlopsPerImage(), r.imagesPerSecond(), r.config().loop().precision());
    out.printf("Run folder: %s%n", r.dir());
    return 0;
  }
}
