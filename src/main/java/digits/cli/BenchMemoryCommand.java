package digits.cli;

import digits.data.Datasets;
import digits.run.Profile;
import digits.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Resident memory over a long run: every Tensor and Result closed means no native growth. */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Train a small model for many epochs and print resident memory after each; report the drift "
        + "between epoch 2 and the last (target <= 5%%).")
final class BenchMemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Mixin TrainingFolders folders;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    Map<String, String> settings = Profile.merge(Profile.read("smoke", folders.profiles),
        Map.of("epochs", String.valueOf(epochs), "augment.rotation", "8", "architecture",
            "conv(8,3,relu) bn pool(2) flatten dropout(0.2) dense(10)"));
    TrainingConfig config = Profile.toConfig(settings);
    Datasets.Loaded data = Datasets.load(config.data().dataset(), folders.data, log);
    List<Long> rss = digits.bench.MemoryBenchmark.run(config, settings, data, folders.runs, (epoch, kb) -> {
      out.printf("epoch %2d  resident %,d MiB%n", epoch, kb / 1024);
      out.flush();
    }, log);
    if (rss.size() >= 2 && rss.get(0) > 0) {
      long second = rss.get(1);
      long last = rss.get(rss.size() - 1);
      double drift = 100.0 * (last - second) / second;
      out.printf("Resident memory after epoch 2: %,d MiB; after epoch %d: %,d MiB; drift %+.1f%% (target <= 5%%)%n",
          second / 1024, rss.size(), last / 1024, drift);
    }
    return 0;
  }
}
