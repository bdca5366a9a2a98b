package digits.cli;

import digits.bench.TrainingBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Several profiles, one table. */
@Command(name = "table", mixinStandardHelpOptions = true,
    description = "Benchmark several profiles in turn and print one table: parameters, epochs, training seconds, "
        + "images/s, validation and test accuracy, peak memory, and when test accuracy first reached 99%%.")
final class BenchTableCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PROFILE", description = "Profiles (default: fast keras default).")
  List<String> profiles = List.of("fast", "keras", "default");

  @Mixin TrainingFolders folders;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<TrainingBenchmark.Result> rows = new ArrayList<>();
    for (String p : profiles) {
      rows.add(TrainingBenchmark.measure(p, Map.of(), folders.profiles, folders.data, folders.runs, 0.99,
          spec.commandLine().getErr(),
          new ProgressListener(spec.commandLine().getErr(), System.err, false)));
    }
    out.printf("%n| profile | parameters | epochs | training s | img/s | val acc | test acc | peak MiB | test >= 99.0%% at |%n");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (TrainingBenchmark.Result r : rows) {
      out.printf("| %s | %,d | %d | %.1f | %,.0f | %.2f%% | %.2f%% | %,d | %s |%n", r.profile(), r.parameters(),
          r.history().size(), r.trainingSeconds(), r.imagesPerSecond(), 100 * r.validationAccuracy(),
          100 * r.testAccuracy(), r.peakMiB(), r.testEpoch() == 0 ? "never"
              : String.format("%.1f s (epoch %d)", r.secondsToTarget(), r.testEpoch()));
    }
    out.printf("Machine: %d cores, Java %s; test accuracy per epoch is reported, never used to choose.%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    return 0;
  }
}
