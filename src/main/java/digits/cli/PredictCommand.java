package digits.cli;

import digits.data.Idx;
import digits.data.IdxArray;
import digits.data.InvalidDataException;
import digits.predict.DigitRecognizer;
import digits.predict.ImageToRead;
import digits.predict.Prediction;
import digits.predict.ReadResult;
import digits.predict.ink.MnistPreprocessor;
import digits.report.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code digits predict}: reads digits in image files (and scores IDX files) with an exported model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Read the digit, or the line of digits, in each image (PNG, JPEG, TIFF, BMP, GIF; folders are "
        + "walked), or classify every image of an IDX file. One line per file: file, answer, confidence, top 3.")
final class PredictCommand implements Callable<Integer> {
  private static final Set<String> IMAGE_TYPES = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Images, IDX files or folders.")
  List<Path> inputs;

  @Mixin ReaderModelOption model;

  @Mixin PrecisionOption precision;

  @Mixin ReadingOptions reading;

  @Option(names = "--debug-dir", paramLabel = "DIR", description = "Write each 28x28 input the model saw as a PNG.")
  Path debugDir;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
      description = "Images read together: prepared on all cores, scored in shared model calls "
          + "(default: ${DEFAULT-VALUE}; 1 reads one at a time).")
  int batchSize;

  /** How answers are printed. */
  enum Format { TEXT, JSON, CSV }

  /** Text unless {@code --json} or {@code --csv} (which exclude each other). */
  Format format = Format.TEXT;

  @Option(names = "--json", description = "One JSON object per line.")
  void json(boolean on) throws UsageException {
    choose(on, Format.JSON);
  }

  @Option(names = "--csv", description = "CSV with a header row.")
  void csv(boolean on) throws UsageException {
    choose(on, Format.CSV);
  }

  private void choose(boolean on, Format chosen) throws UsageException {
    if (on && format != Format.TEXT && format != chosen) {
      throw new UsageException("--json and --csv exclude each other");
    }
    format = on ? chosen : format;
  }

  @Mixin VerboseOption verbose;

  /** One answer: the file (with #index inside IDX files), the text read, its confidence and each digit. */
  record Answer(String source, String text, float confidence, List<Prediction> digits) {}

  @Override
  public Integer call() throws Exception {
    reading.check();
    if (batchSize < 1) {
      throw new UsageException("--batch-size: expected a count >= 1, received " + batchSize);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path modelDir = model.choose(err);
    List<Path> files = new ArrayList<>();
    int failures = 0;
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).filter(PredictCommand::looksReadable).sorted().forEach(files::add);
        }
      } else {
        files.add(input);
      }
    }
    if (format == Format.CSV) {
      out.println("file,answer,confidence,uncertain,top3");
    }
    try (DigitRecognizer recognizer = DigitRecognizer.load(modelDir, precision.value)) {
      List<Path> group = new ArrayList<>();
      for (Path file : files) {
        if (Files.isRegularFile(file) && Idx.looksLikeIdx(file)) {
          failures += readGroup(recognizer, group, out, err);
          try {
            for (Answer a : readIdx(recognizer, file)) {
              print(out, a);
            }
          } catch (IOException | IllegalArgumentException e) {
            failures++;
            error(err, file, e.getMessage() == null ? e.toString() : e.getMessage());
          }
        } else {
          group.add(file);
          if (group.size() >= batchSize) {
            failures += readGroup(recognizer, group, out, err);
          }
        }
      }
      failures += readGroup(recognizer, group, out, err);
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  /** Reads the image files of {@code group} in shared model calls, prints each answer or error, empties it. */
  private int readGroup(DigitRecognizer recognizer, List<Path> group, PrintWriter out, PrintWriter err)
      throws IOException {
    List<ReadResult> results = recognizer.readAll(group.stream().map(f -> ImageToRead.of(f, reading.request()))
        .toList());
    int failures = 0;
    for (int i = 0; i < group.size(); i++) {
      ReadResult r = results.get(i);
      if (!r.ok()) {
        failures++;
        error(err, group.get(i), r.error());
        if (r.failure() != null && verbose.verbose) {
          r.failure().printStackTrace(err); // a bug met on this image alone: its trace, as --verbose promises
        }
        continue;
      }
      writeDebug(group.get(i), r.reading().inputs());
      print(out, new Answer(group.get(i).toString(), r.reading().text(), r.reading().confidence(),
          r.reading().digits()));
    }
    group.clear();
    return failures;
  }

  private static void error(PrintWriter err, Path file, String message) {
    err.println("digits: error: " + (message.startsWith(file.toString()) ? message : file + ": " + message));
  }

  private static boolean looksReadable(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    return IMAGE_TYPES.contains(ext) || name.contains("ubyte") || name.contains("idx");
  }

  private List<Answer> readIdx(DigitRecognizer recognizer, Path file) throws IOException {
    IdxArray array = Idx.read(file);
    int[] shape = array.shape();
    if (shape.length != 3 || shape[1] != MnistPreprocessor.SIZE || shape[2] != MnistPreprocessor.SIZE) {
      throw new InvalidDataException(file, "expected 28x28 images [count, 28, 28], received "
          + java.util.Arrays.toString(shape));
    }
    List<float[]> inputs = new ArrayList<>();
    int n = MnistPreprocessor.SIZE * MnistPreprocessor.SIZE;
    for (int i = 0; i < shape[0]; i++) {
      float[] x = new float[n];
      for (int p = 0; p < n; p++) {
        x[p] = digits.data.Pixels.unit(array.data()[i * n + p]);
      }
      inputs.add(x);
    }
    List<Answer> answers = new ArrayList<>();
    List<Prediction> predictions = recognizer.classify(inputs);
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      answers.add(new Answer(file + "#" + i, String.valueOf(p.digit()), p.confidence(), List.of(p)));
    }
    return answers;
  }

  private void writeDebug(Path file, List<float[]> inputs) throws IOException {
    if (debugDir == null) {
      return;
    }
    String base = file.getFileName().toString().replaceAll("\\.[^.]*$", "");
    for (int i = 0; i < inputs.size(); i++) {
      byte[] pixels = new byte[inputs.get(i).length];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = (byte) Math.round(inputs.get(i)[p] * 255);
      }
      BufferedImage image = ImageGrid.draw(List.of(new ImageGrid.Cell(pixels, "", false)), MnistPreprocessor.SIZE,
          MnistPreprocessor.SIZE, 1, 4);
      ImageGrid.writePng(image, debugDir.resolve(base + "-" + i + ".png"));
    }
  }

  private void print(PrintWriter out, Answer a) {
    List<String> details = new ArrayList<>();
    if (a.digits().size() == 1) {
      Prediction p = a.digits().get(0);
      for (int c : p.top(3)) {
        details.add(String.format(Locale.ROOT, "%d:%.3f", c, p.probabilities()[c]));
      }
    } else {
      for (Prediction p : a.digits()) {
        details.add(String.format(Locale.ROOT, "%d:%.3f", p.digit(), p.confidence()));
      }
    }
    boolean uncertain = a.confidence() < reading.minConfidence;
    if (format == Format.JSON) {
      out.println(Json.answer(a.source(), a.text(), a.confidence(), uncertain, a.digits()));
    } else if (format == Format.CSV) {
      out.println(org.apache.commons.csv.CSVFormat.DEFAULT.format(a.source(), a.text(),
          String.format(Locale.ROOT, "%.4f", a.confidence()), uncertain, String.join(" ", details)));
    } else {
      out.printf(Locale.ROOT, "%s\t%s\t%.4f\t%s%n", a.source(), a.text() + (uncertain ? "?" : ""), a.confidence(),
          String.join(" ", details));
    }
  }
}
