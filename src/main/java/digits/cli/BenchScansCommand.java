package digits.cli;

import digits.data.LabeledImages;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** MNIST test digits written as PNG scans, to time commands that read files (predict, read-batch). */
@Command(name = "scans", mixinStandardHelpOptions = true,
    description = "Write MNIST test digits as 112x112 PNG scans (dark ink on white) named <index>-<label>.png, "
        + "to time the commands that read image files.")
final class BenchScansCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write into.")
  Path output;

  @Option(names = "--images", defaultValue = "10000", description = "How many (default: ${DEFAULT-VALUE}).")
  int images;

  @Override
  public Integer call() throws Exception {
    if (images < 1) {
      throw new UsageException("--images: expected a count >= 1, received " + images);
    }
    LabeledImages test = data.load(spec.commandLine().getErr()).test();
    int n = Math.min(images, test.size());
    java.nio.file.Files.createDirectories(output);
    for (int i = 0; i < n; i++) {
      javax.imageio.ImageIO.write(digits.bench.PredictBenchmark.scan(test, i), "png",
          output.resolve(String.format("%05d-%d.png", i, test.label(i))).toFile());
    }
    spec.commandLine().getOut().printf("Wrote %,d scans to %s%n", n, output);
    return 0;
  }
}
