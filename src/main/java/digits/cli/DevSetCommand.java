package digits.cli;

import digits.data.Datasets;
import digits.data.LabeledImages;
import digits.data.Split;
import digits.devset.DevSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits devset}: writes the real-world development set that {@code bench read} scores. */
@Command(name = "devset", mixinStandardHelpOptions = true,
    description = "Write the real-world development set: handwriting-font digits and strings, low-resolution "
        + "scans, photos, and strings of MNIST digits, each in a tuning part and a held-out part.")
final class DevSetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "data/devset",
      description = "Where to write it; replaced whole (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--per-category", paramLabel = "N", defaultValue = "1000",
      description = "Images per category and part (default: ${DEFAULT-VALUE}).")
  int perCategory;

  @Option(names = "--seed", defaultValue = "2026", description = "Seed of every drawing (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    if (perCategory < 1) {
      throw new UsageException("--per-category: expected at least 1, received " + perCategory);
    }
    PrintWriter out = spec.commandLine().getOut();
    Datasets.Loaded mnist = data.load(spec.commandLine().getErr());
    LabeledImages validation = validationSplit(mnist.train());
    long start = System.nanoTime();
    List<DevSet.Item> items = new DevSet(validation, mnist.test(), seed, perCategory).write(output);
    out.printf("Wrote %,d images to %s in %.1f s (%s; tuning and heldout parts; labels in %s)%n", items.size(), output,
        (System.nanoTime() - start) / 1e9, String.join(", ", DevSet.CATEGORIES), output.resolve(DevSet.LABELS));
    return 0;
  }

  /**
   * The validation split that training holds out (the profiles' seed 42 and share 0.1): MNIST digits that no
   * model here learned from, for the tuning part.
   */
  static LabeledImages validationSplit(LabeledImages train) {
    return train.subset(Split.stratified(train, 0.1, 42).validation());
  }
}
