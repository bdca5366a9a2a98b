package digits.cli;

import digits.data.Augmentation;
import digits.data.LabeledImages;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Augmented images per second per thread, and the whole pipeline's rate. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Augmentation throughput per thread and of the prefetching pipeline on the training set.")
final class BenchPipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = "--seconds", defaultValue = "3", description = "Time per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--epoch-seconds", defaultValue = "9.0",
      description = "Training epoch time to compare against (default: ${DEFAULT-VALUE}, the default profile here).")
  double epochSeconds;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LabeledImages train = data.load(spec.commandLine().getErr()).train();
    Augmentation aug = Augmentation.affine(10, 0.1, 2);
    Augmentation withShear = aug.withShear(8);
    Augmentation elastic = aug.withElastic(2, 4);
    Augmentation strongElastic = aug.withElastic(34, 4);
    Augmentation ink = aug.withInk(new digits.data.InkAugmentation(0.3, 0.3, 0.3, 0.3, 0.3));
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("Augmentation (random affine warp, bilinear; elastic and ink distortions on top), %d cores%n", cores);
    out.printf("%-34s %8s %16s%n", "setting", "threads", "img/s/thread");
    double perThread = 0;
    for (var named : List.of(Map.entry("rotation+zoom+shift", aug), Map.entry("+ shear", withShear),
        Map.entry("+ elastic (alpha 2, sigma 4)", elastic), Map.entry("+ elastic (alpha 34, sigma 4)", strongElastic),
        Map.entry("+ ink distortions (each p 0.3)", ink))) {
      for (int threads : List.of(1, cores)) {
        double rate = digits.bench.PipelineBenchmark.warpRate(train, named.getValue(), threads, seconds);
        if (named.getValue() == aug && threads == 1) {
          perThread = rate;
        }
        out.printf("%-34s %8d %,16.0f%n", named.getKey(), threads, rate);
      }
    }
    double pipelineRate = digits.bench.PipelineBenchmark.pipelineRate(train, aug, seconds);
    out.printf("Pipeline (shuffle, batch 128, augment, prefetch 2 on one thread): %,.0f img/s%n", pipelineRate);
    double share = 54_000 / perThread / epochSeconds;
    out.printf("Augmenting a 54,000-image epoch costs %.2f s of one thread: %.1f%% of a %.1f s epoch (target < 5%%)%n",
        54_000 / perThread, 100 * share, epochSeconds);
    out.printf("Target >= 100,000 img/s per core: %s%n", perThread >= 100_000 ? "met" : "NOT met");
    return 0;
  }
}
