package digits.cli;

import digits.io.AtomicFiles;
import digits.predict.DigitRecognizer;
import digits.predict.image.ImageFiles;
import digits.predict.ink.MnistPreprocessor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code digits prepare}: the 28x28 input the model sees for each image of one digit, as numbers: what Python's
 * {@code notebooks/mnist_preprocess.py} must reproduce, and a way to look at what {@code predict --single} does.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = "Write the 28x28 model input of each image of one digit (what predict --single feeds the "
        + "model) as <name>.csv: 28 lines of 28 values in [0, 1], 1 = ink. No model needed.")
final class PrepareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (PNG, JPEG, TIFF, BMP, GIF).")
  List<Path> images;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs/prepared",
      description = "Where to write the CSV files (default: ${DEFAULT-VALUE}).")
  Path output;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    for (Path image : images) {
      try {
        float[] x = DigitRecognizer.input(ImageFiles.read(image));
        String name = image.getFileName().toString();
        Path csv = output.resolve((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".csv");
        AtomicFiles.write(csv, o -> o.write(csv(x).getBytes(StandardCharsets.UTF_8)));
        out.println(image + "\t" + csv);
      } catch (IllegalArgumentException | IOException e) {
        err.println("digits: error: " + (e.getMessage().startsWith(image.toString()) ? e.getMessage()
            : image + ": " + e.getMessage()));
        failures++;
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private static String csv(float[] x) {
    int n = MnistPreprocessor.SIZE;
    StringBuilder s = new StringBuilder();
    for (int y = 0; y < n; y++) {
      for (int c = 0; c < n; c++) {
        s.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", x[y * n + c]));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
