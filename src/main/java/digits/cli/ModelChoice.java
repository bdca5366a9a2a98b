package digits.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The model {@code predict} and {@code serve} use when none is given: the one under {@code runs/} that reads the
 * development set's tuning part best ({@code reading.properties}, written by {@code digits bench read}); where no
 * model has been scored so, the one with the highest test accuracy ({@code summary.properties}); else the newest.
 */
final class ModelChoice {
  static final String READING_FILE = digits.predict.DigitRecognizer.READING_FILE;
  static final String READING_KEY = "tuning_exact";

  /** The chosen SavedModel folder and why, in one line. */
  record Choice(Path model, String reason) {}

  private ModelChoice() {}

  /** {@code given} when there is one; else the chosen model, named with the reason in one line on {@code log}. */
  static Path orChoose(Path given, Path runsDir, java.io.PrintWriter log) throws IOException, UsageException {
    if (given != null) {
      return given;
    }
    Choice choice = choose(runsDir);
    boolean lines = Files.isDirectory(choice.model().resolveSibling(digits.predict.DigitRecognizer.LINE_MODEL));
    log.println("Using " + choice.model() + (lines ? " and its line model" : "") + ": " + choice.reason());
    return choice.model();
  }

  static Choice choose(Path runsDir) throws IOException, UsageException {
    List<Path> models = List.of();
    if (Files.isDirectory(runsDir)) {
      try (Stream<Path> runs = Files.list(runsDir)) {
        models = runs.map(r -> r.resolve("saved_model")).filter(m -> Files.isRegularFile(m.resolve("saved_model.pb")))
            .sorted().toList();
      }
    }
    if (models.isEmpty()) {
      throw new UsageException("No model: pass --model DIR, or train one first (no " + runsDir
          + "/*/saved_model found)");
    }
    Optional<Path> reader = best(models, m -> score(m, READING_FILE, READING_KEY));
    if (reader.isPresent()) {
      return new Choice(reader.get(), String.format(Locale.ROOT, "the best reader under %s: %.2f%% of the "
          + "development set's tuning part read right (digits bench read)", runsDir,
          100 * score(reader.get(), READING_FILE, READING_KEY).orElseThrow()));
    }
    Optional<Path> accurate = best(models, m -> score(m, "summary.properties", "test_accuracy"));
    if (accurate.isPresent()) {
      return new Choice(accurate.get(), String.format(Locale.ROOT, "the most accurate on MNIST test under %s "
          + "(%s); none has a reading score yet (digits bench read)", runsDir,
          score(accurate.get(), "summary.properties", "test_accuracy").map(a -> String.format(Locale.ROOT, "%.2f%%",
              100 * a)).orElseThrow()));
    }
    Path newest = models.stream().max(Comparator.comparing(m -> m.toFile().lastModified())).orElseThrow();
    return new Choice(newest, "the newest under " + runsDir);
  }

  private static Optional<Path> best(List<Path> models, java.util.function.Function<Path, Optional<Double>> score) {
    return models.stream().filter(m -> score.apply(m).isPresent())
        .max(Comparator.comparing((Path m) -> score.apply(m).orElseThrow()).thenComparing(m -> m.toFile().lastModified()));
  }

  /** A number from a properties file in the model's run folder, when it is there and readable. */
  static Optional<Double> score(Path model, String file, String key) {
    Path f = model.toAbsolutePath().normalize().getParent().resolve(file);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(f)) {
      p.load(in);
      String v = p.getProperty(key);
      double d = v == null ? Double.NaN : Double.parseDouble(v.strip());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
