package digits.cli;

import digits.data.LabeledImages;
import digits.run.Profile;
import digits.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Where one training step's time goes: input tensors, the session run, the pipeline, and each kind of op. */
@Command(name = "step", mixinStandardHelpOptions = true,
    description = "Time a profile's training step: creating the input tensors, the session run on batches held in "
        + "memory, the same fed by the prefetching pipeline, and TensorFlow's trace of which ops take the time.")
final class BenchStepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Parameters(index = "0", defaultValue = "keras", paramLabel = "PROFILE",
      description = "Profile name or file (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
  Map<String, String> overrides = new java.util.LinkedHashMap<>();

  @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR")
  Path profilesDir;

  @Option(names = "--steps", defaultValue = "200", description = "Timed steps per measurement (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--trace-steps", defaultValue = "20", description = "Traced steps (default: ${DEFAULT-VALUE}).")
  int traceSteps;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (steps < 1 || traceSteps < 1) {
      throw new UsageException("Expected --steps >= 1 and --trace-steps >= 1");
    }
    TrainingConfig config = Profile.toConfig(Profile.merge(Profile.read(profile, profilesDir), overrides));
    LabeledImages train = data.load(spec.commandLine().getErr()).train();
    digits.bench.StepBenchmark.Result r = digits.bench.StepBenchmark.measure(config, train, steps, traceSteps);
    long total = r.tracedMicros();
    out.printf("%nStep of profile %s: %,d parameters, batch %d, %d cores%n", profile, r.parameters(),
        r.batchSize(), Runtime.getRuntime().availableProcessors());
    out.printf("Input tensor creation:             %8.1f us per batch%n", r.tensorMicros());
    out.printf("Session run, batches in memory:    %8.2f ms per step  %,8.0f img/s%n", r.heldMs(),
        r.heldImagesPerSecond());
    out.printf("Same, fed by the pipeline:         %8.2f ms per step  %,8.0f img/s%n", r.pipelineMs(),
        r.pipelineImagesPerSecond());
    BenchCommand.printPeakShare(out, r.trainingFlopsPerImage(), r.heldImagesPerSecond(), config.loop().precision());
    out.printf("Traced op time (summed over ops, parallel ops overlap): %.2f ms per step%n",
        total / 1e3 / r.tracedSteps());
    for (var e : r.byPhase().entrySet()) {
      out.printf("  %-10s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / total);
    }
    out.printf("Op types by share of traced time:%n");
    long shown = 0;
    for (var e : r.byType().entrySet().stream().limit(12).toList()) {
      out.printf("  %-28s %5.1f%%  %8.1f us per step%n", e.getKey(), 100.0 * e.getValue() / total,
          e.getValue() / (double) r.tracedSteps());
      shown += e.getValue();
    }
    out.printf("  %-28s %5.1f%%%n", "(all others)", 100.0 * (total - shown) / total);
    return 0;
  }
}
