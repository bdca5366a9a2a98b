package digits.cli;

import digits.data.Datasets;
import digits.data.LabeledImages;
import digits.data.Split;
import digits.data.UspsDigits;
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
        + "scans, photos, strings of MNIST digits, and (given the USPS file) envelope digits and zip codes, each in a "
        + "tuning part and a held-out part.")
final class DevSetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "data/devset",
      description = "Where to write it; replaced whole (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--per-category", paramLabel = "N", defaultValue = "1000",
      description = "Images per category and part (default: ${DEFAULT-VALUE}).")
  int perCategory;

  @Option(names = "--usps", paramLabel = "FILE",
      description = "USPS envelope digits (zip.train.gz, see data/README.md) for the usps-* categories; their tuning "
          + "and held-out fifths only (default: data/usps/zip.train.gz when it is there, else none).")
  Path usps;

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
    DevSet set = new DevSet(validation, mnist.test(), envelopes(spec.commandLine().getErr()), seed, perCategory);
    List<DevSet.Item> items = set.write(output);
    out.printf("Wrote %,d images to %s in %.1f s (%s; tuning and heldout parts; labels in %s)%n", items.size(), output,
        (System.nanoTime() - start) / 1e9, String.join(", ", set.categories()), output.resolve(DevSet.LABELS));
    return 0;
  }

  /** The USPS digits of the tuning and held-out parts, or null (said on {@code err}) when there is no file. */
  private DevSet.Usps envelopes(PrintWriter err) throws java.io.IOException {
    Path file = usps != null ? usps : DEFAULT_USPS;
    if (usps == null && !java.nio.file.Files.isRegularFile(file)) {
      err.println("No " + file + ": the usps-* categories are left out (see data/README.md for the file)");
      return null;
    }
    return new DevSet.Usps(UspsDigits.read(file, UspsDigits.Part.TUNING), UspsDigits.read(file,
        UspsDigits.Part.HELD_OUT));
  }

  static final Path DEFAULT_USPS = Path.of("data", "usps", "zip.train.gz");

  /**
   * The validation split that training holds out (the profiles' seed 42 and share 0.1): MNIST digits that no
   * model here learned from, for the tuning part.
   */
  static LabeledImages validationSplit(LabeledImages train) {
    return train.subset(Split.stratified(train, 0.1, 42).validation());
  }
}
