package digits.cli;

import digits.data.AtomicFiles;
import digits.data.Datasets;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The files of one run under {@code runs/<name>/}. */
record RunFolder(Path dir) {
  /** The date and time that names new run folders: {@code 20261125-152135}. */
  static String timestamp() {
    return java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
        Locale.ROOT));
  }

  Path config() {
    return dir.resolve("config.properties");
  }

  Path metrics() {
    return dir.resolve("metrics.csv");
  }

  Path summary() {
    return dir.resolve("summary.properties");
  }

  Path savedModel() {
    return dir.resolve("saved_model");
  }

  /**
   * True when the run ended by itself (completed or stopped early). A run killed, crashed, or stopped with
   * Ctrl-C (its summary says {@code stop_reason = interrupted}) can be resumed from its last checkpoint.
   */
  boolean finished() throws IOException {
    if (!java.nio.file.Files.isRegularFile(summary())) {
      return false;
    }
    java.util.Properties p = new java.util.Properties();
    try (var in = java.nio.file.Files.newBufferedReader(summary())) {
      p.load(in);
    }
    return !"interrupted".equals(p.getProperty("stop_reason"));
  }

  /**
   * Deletes what an interrupted write left behind: temporary files and folders, whose names start with a dot.
   * The complete files they were meant to replace are untouched.
   */
  void removeLeftovers() throws IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return;
    }
    try (var children = java.nio.file.Files.list(dir)) {
      for (Path p : children.filter(c -> c.getFileName().toString().startsWith(".")).toList()) {
        AtomicFiles.deleteTree(p);
      }
    }
  }

  /** The resolved recipe, every key, sorted: rerun it with {@code --profile <this file>}. */
  void writeConfig(Map<String, String> settings, Datasets.Loaded data) throws IOException {
    StringBuilder s = new StringBuilder("# Resolved training recipe; train again with: digits train --profile "
        + config() + "\n# Data: " + data.files().trainImages().getParent() + "\n");
    settings.forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
    write(config(), s.toString());
  }

  void writeSummary(TrainingRun.Outcome o) throws IOException {
    var t = o.training();
    StringBuilder s = new StringBuilder("# Outcome of the run\n");
    put(s, "test_accuracy", fmt(o.test().accuracy()));
    put(s, "test_loss", fmt(o.test().loss()));
    put(s, "test_images", String.valueOf(o.test().count()));
    put(s, "validation_accuracy", o.validation() == null ? "" : fmt(o.validation().accuracy()));
    put(s, "validation_loss", o.validation() == null ? "" : fmt(o.validation().loss()));
    put(s, "best_epoch", String.valueOf(t.bestEpoch()));
    put(s, "epochs_run", String.valueOf(t.history().size()));
    put(s, "stop_reason", t.stopReason().name().toLowerCase(Locale.ROOT));
    put(s, "training_seconds", String.format(Locale.ROOT, "%.1f", t.trainingSeconds()));
    put(s, "parameters", String.valueOf(o.network().parameterCount()));
    put(s, "saved_model", savedModel().toString());
    write(summary(), s.toString());
  }

  private static void put(StringBuilder s, String key, String value) {
    s.append(key).append(" = ").append(value).append('\n');
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static void write(Path file, String text) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(text);
      w.flush();
    });
  }
}
