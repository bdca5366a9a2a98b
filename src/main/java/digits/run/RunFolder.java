package digits.run;

import digits.data.Datasets;
import digits.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The files of one run under {@code runs/<name>/}. */
public record RunFolder(Path dir) {
  /** The date and time that names new run folders: {@code 20261125-152135}. */
  public static String timestamp() {
    return java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
        Locale.ROOT));
  }

  public Path config() {
    return dir.resolve("config.properties");
  }

  public Path metrics() {
    return dir.resolve("metrics.csv");
  }

  public Path summary() {
    return dir.resolve("summary.properties");
  }

  public Path savedModel() {
    return dir.resolve(digits.predict.ModelFolder.SAVED_MODEL);
  }

  /** The line model ({@code line_steps} above 0), beside {@link #savedModel()}. */
  public Path lineModel() {
    return dir.resolve(digits.predict.ModelFolder.LINE_MODEL);
  }

  /**
   * True when the run ended by itself (completed or stopped early). A run killed, crashed, or stopped with
   * Ctrl-C (its summary says {@code stop_reason = interrupted}) can be resumed from its last checkpoint.
   */
  public boolean finished() throws IOException {
    if (!java.nio.file.Files.isRegularFile(summary())) {
      return false;
    }
    java.util.Properties p = new java.util.Properties();
    try (var in = java.nio.file.Files.newBufferedReader(summary())) {
      p.load(in);
    }
    return !"interrupted".equals(p.getProperty("stop_reason"));
  }

  /** The run folder held by this process: released on close ({@code run.lock} stays, empty). */
  public interface Lock extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /**
   * Takes the run folder for this process (creating it), so that a second process training or resuming the same
   * run stops at once instead of writing over the first one's files.
   *
   * @throws IOException naming the folder and the process that holds it
   */
  public Lock lock() throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Path file = dir.resolve("run.lock");
    var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
    java.nio.channels.FileLock held;
    try {
      held = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      String owner = new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      channel.close();
      throw new IOException(dir + " is in use by another digits process" + (owner.isEmpty() ? "" : " (" + owner
          + ")") + ": wait for it to finish or stop it, then resume");
    }
    channel.truncate(0);
    channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid())
        .getBytes(StandardCharsets.UTF_8)));
    java.nio.channels.FileLock lock = held;
    // Released, never deleted: a file deleted while locked lets a process that opened it just before lock the
    // unlinked file while a third creates and locks a new one, and both would train the same run.
    return () -> {
      try {
        channel.truncate(0);
      } finally {
        lock.release();
        channel.close();
      }
    };
  }

  /**
   * Deletes what an interrupted write left behind: temporary files and folders, whose names start with a dot.
   * The complete files they were meant to replace are untouched.
   */
  public void removeLeftovers() throws IOException {
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
  public void writeConfig(Map<String, String> settings, Datasets.Loaded data) throws IOException {
    StringBuilder s = new StringBuilder("# Resolved training recipe; train again with: digits train --profile "
        + config() + "\n# Data: " + data.files().trainImages().getParent() + "\n");
    settings.forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
    write(config(), s.toString());
  }

  /** {@code summary.json}: the same outcome for Python and {@code jq}, numbers as numbers. */
  public Path summaryJson() {
    return dir.resolve("summary.json");
  }

  void writeSummary(Outcome o) throws IOException {
    var t = o.training();
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("test_accuracy", o.test().accuracy());
    values.put("test_loss", o.test().loss());
    values.put("test_images", o.test().count());
    values.put("validation_accuracy", o.validation() == null ? null : o.validation().accuracy());
    values.put("validation_loss", o.validation() == null ? null : o.validation().loss());
    values.put("best_epoch", t.bestEpoch());
    values.put("epochs_run", t.history().size());
    values.put("stop_reason", t.stopReason().name().toLowerCase(Locale.ROOT));
    values.put("training_seconds", Math.round(t.trainingSeconds() * 10) / 10.0);
    values.put("parameters", o.network().parameterCount());
    values.put("precision", o.precision().name().toLowerCase(Locale.ROOT));
    values.put("saved_model", savedModel().toString());
    StringBuilder s = new StringBuilder("# Outcome of the run (also in summary.json)\n");
    for (var e : values.entrySet()) {
      Object v = e.getValue();
      String text = v == null ? "" : v instanceof Double d && !e.getKey().equals("training_seconds") ? fmt(d)
          : v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : v.toString();
      s.append(e.getKey()).append(" = ").append(text).append('\n');
    }
    write(summaryJson(), new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(values) + "\n");
    write(summary(), s.toString());
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
