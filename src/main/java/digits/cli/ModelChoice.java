package digits.cli;

import digits.predict.ModelFolder;
import digits.predict.ShippedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The model {@code predict}, {@code serve}, {@code read-batch} and {@code evaluate} use when none is given: the
 * shipped reader ({@link ShippedReader}), unless a model under {@code runs/} read the same development set's tuning
 * part better ({@code reading.properties}, written by {@code digits bench read} for those very model files). A build
 * without the shipped reader takes the best-scored run, else the most accurate on MNIST test, else the newest.
 */
final class ModelChoice {
  /** The chosen SavedModel folder and why, in one line. */
  record Choice(Path model, String reason) {}

  private ModelChoice() {}

  /** {@code given} when there is one; else the chosen model, named with the reason in one line on {@code log}. */
  static Path orChoose(Path given, Path runsDir, java.io.PrintWriter log) throws IOException, UsageException {
    if (given != null) {
      return given;
    }
    Choice choice = choose(runsDir);
    boolean lines = Files.isDirectory(ModelFolder.of(choice.model()).lineModel());
    log.println("Using " + choice.model() + (lines ? " and its line model" : "") + ": " + choice.reason());
    return choice.model();
  }

  static Choice choose(Path runsDir) throws IOException, UsageException {
    return choose(runsDir, ShippedReader.find());
  }

  static Choice choose(Path runsDir, Optional<ModelFolder> shipped) throws IOException, UsageException {
    List<ModelFolder> runs = List.of();
    if (Files.isDirectory(runsDir)) {
      try (Stream<Path> dirs = Files.list(runsDir)) {
        runs = dirs.map(ModelFolder::new).filter(ModelFolder::hasModel).sorted(Comparator.comparing(ModelFolder::dir))
            .toList();
      }
    }
    if (shipped.isPresent()) {
      ModelFolder ship = shipped.get();
      String categories = ship.scoredCategories();
      double own = ship.score(categories).orElse(0.0);
      Optional<ModelFolder> best = best(runs, m -> m.score(categories));
      double score = best.flatMap(m -> m.score(categories)).orElse(0.0);
      if (best.isPresent() && score > own) {
        return new Choice(best.get().savedModel(), String.format(Locale.ROOT, "it reads the development set's "
            + "tuning part better than %s (%.2f%% against %.2f%%, digits bench read)", ShippedReader.NAME,
            100 * score, 100 * own));
      }
      return new Choice(ship.savedModel(), String.format(Locale.ROOT, "%s, %.2f%% of the development set's tuning "
          + "part read right; no reader under %s reads it better (digits bench read)", ShippedReader.NAME, 100 * own,
          runsDir));
    }
    if (runs.isEmpty()) {
      throw new UsageException("No model: pass --model DIR, or train one first (no " + runsDir
          + "/*/saved_model found, and this build carries no shipped reader)");
    }
    Optional<ModelFolder> reader = best(runs, m -> m.score(m.scoredCategories()));
    if (reader.isPresent()) {
      ModelFolder r = reader.get();
      return new Choice(r.savedModel(), String.format(Locale.ROOT, "the best reader under %s: %.2f%% of the "
          + "development set's tuning part read right (digits bench read)", runsDir,
          100 * r.score(r.scoredCategories()).orElseThrow()));
    }
    Optional<ModelFolder> accurate = best(runs, ModelChoice::testAccuracy);
    if (accurate.isPresent()) {
      return new Choice(accurate.get().savedModel(), String.format(Locale.ROOT, "the most accurate on MNIST test "
          + "under %s (%.2f%%); none has a reading score yet (digits bench read)", runsDir,
          100 * testAccuracy(accurate.get()).orElseThrow()));
    }
    ModelFolder newest = runs.stream().max(Comparator.comparing(m -> m.dir().toFile().lastModified())).orElseThrow();
    return new Choice(newest.savedModel(), "the newest under " + runsDir);
  }

  /** The best-scored model; each score is computed once (a reading score hashes the model's files). */
  private static Optional<ModelFolder> best(List<ModelFolder> models,
      java.util.function.Function<ModelFolder, Optional<Double>> score) {
    java.util.Map<ModelFolder, Double> scored = new java.util.HashMap<>();
    models.forEach(m -> score.apply(m).ifPresent(v -> scored.put(m, v)));
    return scored.keySet().stream().max(Comparator.comparing((ModelFolder m) -> scored.get(m))
        .thenComparing(m -> m.dir().toFile().lastModified()));
  }

  /** The MNIST test accuracy in the run's {@code summary.properties}, when it is there and readable. */
  static Optional<Double> testAccuracy(ModelFolder run) {
    Path f = run.dir().resolve("summary.properties");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(f)) {
      p.load(in);
      String v = p.getProperty("test_accuracy");
      double d = v == null ? Double.NaN : Double.parseDouble(v.strip());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
