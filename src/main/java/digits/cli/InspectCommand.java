package digits.cli;

import digits.data.Augmentation;
import digits.data.Datasets;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.data.Split;
import digits.data.Warp;
import digits.report.ImageGrid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits inspect}: what is in the dataset, as numbers and as a picture. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print class counts per split, image size and pixel statistics, and write a PNG grid of "
        + "sample images per class.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = "--validation-split", defaultValue = "0.1",
      description = "Fraction of the training set held out for validation (default: ${DEFAULT-VALUE}).")
  double validationSplit;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the samples shown.")
  long seed;

  @Option(names = "--samples", defaultValue = "10", description = "Sample images per class in the grid.")
  int samples;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs/inspect",
      description = "Folder for the PNG grids (default: ${DEFAULT-VALUE}).")
  Path output;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    if (samples < 1 || samples > 100) {
      throw new UsageException("--samples: expected 1 to 100, received " + samples);
    }
    PrintWriter out = spec.commandLine().getOut();
    Datasets.Loaded loaded = data.load(spec.commandLine().getErr());
    LabeledImages train = loaded.train();
    Split split = Split.stratified(train, validationSplit, seed);
    LabeledImages trainPart = train.subset(split.train());
    LabeledImages validation = train.subset(split.validation());
    Normalization stats = Normalization.of(trainPart);

    out.printf("Dataset %s (%s)%n", loaded.name(), loaded.files().trainImages().getParent());
    out.printf("Images %dx%d, %d classes; pixel mean %.4f, std %.4f (training split, scale [0, 1])%n",
        train.height(), train.width(), train.classes(), stats.mean(), stats.std());
    out.printf("%-6s %8s %8s %8s%n", "class", "train", "val", "test");
    int[][] counts = {trainPart.classCounts(), validation.classCounts(), loaded.test().classCounts()};
    for (int c = 0; c < train.classes(); c++) {
      out.printf("%-6d %8d %8d %8d%n", c, counts[0][c], counts[1][c], counts[2][c]);
    }
    out.printf("%-6s %8d %8d %8d%n", "total", trainPart.size(), validation.size(), loaded.test().size());

    Path png = output.resolve("samples-" + loaded.name() + ".png");
    ImageGrid.writePng(ImageGrid.draw(sampleCells(trainPart), train.height(), train.width(), samples, 3), png);
    out.printf("Sample grid: %s%n", png);

    Path augmented = output.resolve("augmented-" + loaded.name() + ".png");
    ImageGrid.writePng(ImageGrid.draw(augmentedCells(trainPart), train.height(), train.width(), samples, 3),
        augmented);
    out.printf("Augmentation grid (first column original, then rotation <= %.0f deg, zoom <= %.0f%%, shift <= %.0f px): %s%n",
        AUGMENTATION.geometry().rotationDegrees(), 100 * AUGMENTATION.geometry().zoom(),
        AUGMENTATION.geometry().shiftPixels(), augmented);
    return 0;
  }

  /** What the augmentation shown does; the training profiles set their own. */
  static final Augmentation AUGMENTATION = Augmentation.affine(10, 0.1, 2);

  /** Per class, one image as it is and {@code samples - 1} random distortions of it. */
  private List<ImageGrid.Cell> augmentedCells(LabeledImages images) {
    Warp warp = new Warp(images.height(), images.width(), AUGMENTATION);
    SplittableRandom random = new SplittableRandom(seed);
    int n = images.imageSize();
    float[] buffer = new float[n];
    List<ImageGrid.Cell> cells = new ArrayList<>();
    for (int c = 0; c < images.classes(); c++) {
      int index = -1;
      for (int i = 0; i < images.size() && index < 0; i++) {
        index = images.label(i) == c ? i : -1;
      }
      for (int k = 0; k < samples; k++) {
        byte[] pixels = new byte[n];
        if (index >= 0) {
          if (k == 0) {
            System.arraycopy(images.pixels(), index * n, pixels, 0, n);
          } else {
            warp.apply(images.pixels(), index * n, buffer, 0, random);
            for (int p = 0; p < n; p++) {
              pixels[p] = (byte) Math.round(buffer[p] * 255);
            }
          }
        }
        cells.add(new ImageGrid.Cell(pixels, k == 0 ? String.valueOf(c) : "", false));
      }
    }
    return cells;
  }

  /** {@code samples} random images of each class, one class per row. */
  private List<ImageGrid.Cell> sampleCells(LabeledImages images) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ImageGrid.Cell> cells = new ArrayList<>();
    int n = images.imageSize();
    for (int c = 0; c < images.classes(); c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        if (images.label(i) == c) {
          members.add(i);
        }
      }
      for (int k = 0; k < samples; k++) {
        if (members.isEmpty()) {
          cells.add(new ImageGrid.Cell(new byte[n], "", false));
          continue;
        }
        int i = members.remove(random.nextInt(members.size()));
        byte[] pixels = java.util.Arrays.copyOfRange(images.pixels(), i * n, (i + 1) * n);
        cells.add(new ImageGrid.Cell(pixels, k == 0 ? String.valueOf(c) : "", false));
      }
    }
    return cells;
  }
}
