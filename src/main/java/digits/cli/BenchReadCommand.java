package digits.cli;

import digits.data.LabeledImages;
import digits.devset.AnswerSheets;
import digits.devset.ReadBenchmark;
import digits.inference.Precision;
import digits.predict.Calibration;
import digits.predict.DigitRecognizer;
import digits.predict.ModelFolder;
import digits.predict.ModelWork;
import digits.predict.search.ReadingPrior;
import digits.report.Charts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits bench read}: how well models read the development set and re-scanned MNIST test digits. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Read the development set (digits devset) and MNIST test digits saved as PNG scans as predict "
        + "does, and print per category: accuracy (exact answer), digit accuracy inside strings, the share of "
        + "answers not marked uncertain and their error, the read rate at 0.1%%, 0.5%% and 1%% error, files/s. "
        + "Fits the calibration on the tuning part. Writes the read-rate curves and a reliability diagram.")
final class BenchReadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Option(names = {"-m", "--model"}, converter = ModelDir.class, paramLabel = "DIR", required = true,
      description = "SavedModel folders to compare (repeat the option).")
  List<Path> models;

  @Option(names = "--devset", paramLabel = "DIR", defaultValue = "data/devset",
      description = "The development set (default: ${DEFAULT-VALUE}).")
  Path devset;

  @Option(names = "--part", defaultValue = "both", description = "tuning, heldout or both (default: ${DEFAULT-VALUE}).")
  String part;

  @Option(names = "--mnist", paramLabel = "N", defaultValue = "10000",
      description = "MNIST test digits to re-scan as PNG files (default: ${DEFAULT-VALUE}; 0 skips them).")
  int mnist;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs/bench-read",
      description = "Where the reliability diagram goes (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--prior", paramLabel = "C,J,G,A,S,N,H,L,W", hidden = true,
      description = "Reading prior to try (cut, join, max join gap, free aspect, aspect slope, max atoms, short "
          + "slope, lone cut, line model's weight).")
  String prior;

  @Mixin PrecisionOption precision;

  @Option(names = "--against-float32",
      description = "Also read every batch in float32, the two in turn (a machine whose pace drifts slows both "
          + "alike), and print each category's float32 files/s, the ratio and the answers that differ (with "
          + "--precision float32: the same twice, the method's own spread).")
  boolean againstFloat32;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    if (!List.of("tuning", "heldout", "both").contains(part)) {
      throw new UsageException("--part: expected tuning, heldout or both, received '" + part + "'");
    }
    ReadingPrior tried = prior == null ? null : ReadingPrior.parse(prior);
    PrintWriter out = spec.commandLine().getOut();
    List<ReadBenchmark.Labelled> items = new ArrayList<>();
    for (ReadBenchmark.Labelled item : ReadBenchmark.items(devset)) {
      if (part.equals("both") || item.part().equals(part)) {
        items.add(item);
      }
    }
    Path scans = mnist > 0 ? Files.createTempDirectory("digits-bench-read") : null;
    try {
      if (scans != null) {
        LabeledImages test = data.load(spec.commandLine().getErr()).test();
        for (int i = 0; i < Math.min(mnist, test.size()); i++) {
          Path file = scans.resolve(String.format(Locale.ROOT, "%05d.png", i));
          ImageIO.write(digits.bench.PredictBenchmark.scan(test, i), "png", file.toFile());
          items.add(new ReadBenchmark.Labelled(file, String.valueOf(test.label(i)), "mnist-test", "heldout"));
        }
      }
      digits.bench.CpuPeak peak = digits.bench.CpuPeak.detect();
      out.printf("%-14s %-8s %-12s %6s %8s %8s %8s %8s %7s %7s %7s %8s %9s %6s%n", "model", "part", "category",
          "images", "exact", "digits", "certain", "err", "rr@0.1%", "rr@0.5%", "rr@1%", "files/s", "cand/file",
          "peak");
      Map<String, List<double[]>> curves = new LinkedHashMap<>();
      Map<String, List<double[]>> readRates = new LinkedHashMap<>();
      for (Path model : models) {
        String name = modelName(model);
        List<ReadBenchmark.Answer> raw = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, ModelWork> work = new LinkedHashMap<>();
        Map<String, String> alongside = new LinkedHashMap<>();
        ModelWork.Cost cost;
        // Raw confidences first: the calibration is fitted on the tuning part, then applied to every row.
        try (DigitRecognizer loaded = DigitRecognizer.load(model, Calibration.NONE, precision.value);
            DigitRecognizer f32 = againstFloat32 ? DigitRecognizer.load(model, Calibration.NONE, Precision.FLOAT32)
                : null) {
          DigitRecognizer recognizer = tried == null ? loaded : loaded.withPrior(tried);
          List<DigitRecognizer> readers = f32 == null ? List.of(recognizer)
              : List.of(recognizer, tried == null ? f32 : f32.withPrior(tried));
          if (recognizer.hasLineModel()) {
            out.printf("%-14s weighs its readings of lines with its line model%n", name);
          }
          Map<String, List<ReadBenchmark.Labelled>> groups = new LinkedHashMap<>();
          for (ReadBenchmark.Labelled item : items) {
            groups.computeIfAbsent(item.part() + "/" + item.category(), k -> new ArrayList<>()).add(item);
          }
          // untimed first: no category's files/s carries the program's start (JIT, the models' first calls)
          ReadBenchmark.readInTurn(readers, groups.values().stream()
              .flatMap(g -> g.stream().limit(ReadBenchmark.WARM_UP)).toList());
          for (var group : groups.entrySet()) {
            ModelWork before = recognizer.work();
            ReadBenchmark.InTurn read = ReadBenchmark.readInTurn(readers, group.getValue());
            raw.addAll(read.answers().get(0));
            seconds.put(group.getKey(), read.seconds()[0]);
            work.put(group.getKey(), recognizer.work().since(before));
            if (f32 != null) {
              alongside.put(group.getKey(), alongside(read, precision.value));
            }
          }
          cost = recognizer.cost();
        }
        List<ReadBenchmark.Answer> rawTuning = raw.stream().filter(a -> a.item().part().equals("tuning")).toList();
        Calibration calibration = rawTuning.isEmpty() ? ModelFolder.of(model).calibration()
            : digits.devset.CalibrationFit.fit(rawTuning);
        List<ReadBenchmark.Answer> heldOut = new ArrayList<>();
        List<ReadBenchmark.Answer> tuning = new ArrayList<>();
        for (var group : seconds.entrySet()) {
          List<ReadBenchmark.Answer> answers = ReadBenchmark.calibrated(raw.stream()
              .filter(a -> (a.item().part() + "/" + a.item().category()).equals(group.getKey())).toList(),
              calibration);
          ReadBenchmark.Row row = ReadBenchmark.score(answers, group.getValue());
          ModelWork done = work.get(group.getKey());
          out.printf(Locale.ROOT, "%-14s %-8s %-12s %6d %7.2f%% %8s %7.1f%% %8s %6.1f%% %6.1f%% %6.1f%% %8.0f %9.1f "
              + "%5.1f%%%n",
              name, row.part(), row.category(), row.images(), 100 * row.exact(),
              row.strings() ? String.format(Locale.ROOT, "%.2f%%", 100 * row.digits()) : "-",
              100 * row.confidentShare(), Double.isNaN(row.confidentError()) ? "-"
                  : String.format(Locale.ROOT, "%.2f%%", 100 * row.confidentError()), 100 * row.readRates()[0],
              100 * row.readRates()[1], 100 * row.readRates()[2], row.filesPerSecond(),
              (double) done.digits() / row.images(), 100 * done.flops() / group.getValue() / 1e9
                  / peak.gflops(precision.value));
          if (alongside.containsKey(group.getKey())) {
            out.printf("%-14s %-8s %-12s %s%n", name, row.part(), row.category(), alongside.get(group.getKey()));
          }
          (row.part().equals("tuning") ? tuning : heldOut).addAll(answers);
          if (row.part().equals("heldout")) {
            readRates.put((models.size() > 1 ? name + " " : "") + row.category(), ReadBenchmark.coverage(answers));
          }
        }
        out.printf(Locale.ROOT, "%-14s confidence: %s; %s%n", name, calibration,
            rawTuning.isEmpty() ? "as recorded by an earlier bench read of the tuning part"
                : String.format(Locale.ROOT, "fitted on the tuning part: the most answers at >= %s with at least "
                    + "%.1f%% of them right, per kind and in every category (one mistake aside)", Calibration.CERTAIN,
                    100 * digits.devset.CalibrationFit.TARGET_PRECISION));
        out.println("  certain: share of answers not marked uncertain (confidence >= " + Calibration.CERTAIN
            + "); err: share of those wrong; rr@E: share read, most confident first, with at most E wrong");
        out.printf(Locale.ROOT, "  files/s: after %d images of each category read untimed (warm-up)%n",
            ReadBenchmark.WARM_UP);
        out.printf(Locale.ROOT, "  cand/file: candidate digits the digit model scored per file (%.1f MFLOP each%s); "
            + "peak: the models' floating-point operations per second against this CPU's estimated peak in %s, "
            + "%.0f GFLOP/s (%s)%n", cost.perDigit() / 1e6, cost.perLine() == 0 ? ""
                : String.format(Locale.ROOT, "; the line model %.1f MFLOP a line", cost.perLine() / 1e6),
            precision.value.describe(), peak.gflops(precision.value), peak.describe());
        Files.createDirectories(output);
        Path answersCsv = output.resolve("answers-" + name + ".csv");
        AnswerSheets.writeCsv(tuning, heldOut, answersCsv);
        out.println("Every answer: " + answersCsv);
        if (!heldOut.isEmpty()) {
          curves.put(name, ReadBenchmark.reliability(heldOut));
          Path examples = output.resolve("examples-" + name + ".png");
          Charts.writePng(AnswerSheets.examples(heldOut), examples);
          out.println("Hard cases read right and wrong: " + examples);
          ReadBenchmark.Row all = ReadBenchmark.score(heldOut, 1);
          out.printf(Locale.ROOT, "%-14s held-out overall: %.2f%% exact; not uncertain: %.1f%% of the answers, "
              + "%.2f%% of them wrong%n", name, 100 * all.exact(), 100 * all.confidentShare(),
              100 * all.confidentError());
        }
        if (!tuning.isEmpty()) {
          ReadBenchmark.Row all = ReadBenchmark.score(tuning, 1);
          out.printf(Locale.ROOT, "%-14s tuning overall: %.2f%% exact%n", name, 100 * all.exact());
          ModelFolder folder = ModelFolder.of(model);
          if (Files.exists(folder.dir().resolve(digits.predict.ShippedReader.SUMS))) {
            out.printf("%-14s not recorded in %s: its files are checksummed (%s); scripts/ship-reader.sh records a "
                + "reader's calibration before it is shipped%n", name, folder.dir(), digits.predict.ShippedReader.SUMS);
          } else if (folder.hasModel()) {
            folder.recordReading(all.exact(), tuning.stream().map(a -> a.item().category()).distinct().sorted()
                .toList(), calibration);
          }
        }
      }
      if (!readRates.isEmpty()) {
        Files.createDirectories(output);
        Path png = output.resolve("read-rate.png");
        Charts.writePng(Charts.readRate(readRates, "Held-out part: error among the answers read, against the share "
            + "read"), png);
        out.println("Read rate against error: " + png);
      }
      if (!curves.isEmpty()) {
        Files.createDirectories(output);
        Path png = output.resolve("reliability.png");
        Charts.writePng(Charts.reliability(curves, "Reliability on the held-out part (confidence vs accuracy)"), png);
        out.println("Reliability diagram: " + png);
      }
    } finally {
      if (scans != null) {
        digits.io.AtomicFiles.deleteTree(scans);
      }
    }
    return 0;
  }

  /** The float32 pace beside the first reader's, their ratio, and the answers (texts) that differ. */
  private static String alongside(ReadBenchmark.InTurn read, Precision precision) {
    List<ReadBenchmark.Answer> first = read.answers().get(0);
    List<ReadBenchmark.Answer> f32 = read.answers().get(1);
    int differ = 0;
    for (int i = 0; i < first.size(); i++) {
      differ += first.get(i).read().equals(f32.get(i).read()) ? 0 : 1;
    }
    long exact = f32.stream().filter(ReadBenchmark.Answer::exact).count();
    return String.format(Locale.ROOT, "float32 in turn: %.0f files/s, %s %.2fx as fast; %d of %d answers differ "
        + "(%.2f%% exact in float32)", first.size() / read.seconds()[1], precision.resolve() == Precision.FLOAT32
            ? "float32 (the same again)" : "mixed bfloat16", read.seconds()[1] / read.seconds()[0], differ,
        first.size(), 100.0 * exact / first.size());
  }

  private static String modelName(Path model) {
    return ModelFolder.of(model).dir().getFileName().toString();
  }
}
