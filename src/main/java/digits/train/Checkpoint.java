package digits.train;

import digits.io.AtomicFiles;
import digits.io.CrashPoint;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A run's last two complete checkpoints, {@code <run>/checkpoint/} and {@code <run>/checkpoint.previous/}: the
 * graph's variables (weights, optimizer slots, batch-norm statistics) through {@code Session.save}, the Java-side
 * {@link TrainingState} in {@code state.properties} and {@code best.weights}, {@code metrics.csv} up to that
 * epoch, and a SHA-256 of every file ({@value #SUMS}). A new checkpoint is written to a temporary folder; the
 * newest becomes the previous one and the new one takes its place, by renames, so a kill at any moment leaves at
 * least one complete checkpoint. Restoring verifies the checksums first; a damaged newest checkpoint falls back
 * to the previous one, saying so.
 */
public final class Checkpoint {
  public static final String FOLDER = "checkpoint";
  public static final String PREVIOUS = "checkpoint.previous";
  static final String SUMS = "checksums.sha256";
  private static final String VARIABLES = "variables";
  private static final String STATE = "state.properties";
  private static final String BEST = "best.weights";
  private static final String METRICS = "metrics.csv";

  private final Path dir;
  private final Path previous;

  /** The checkpoint of the run in {@code runDir}. */
  public Checkpoint(Path runDir) {
    this.dir = runDir.resolve(FOLDER);
    this.previous = runDir.resolve(PREVIOUS);
  }

  public Path dir() {
    return dir;
  }

  /** True when a complete checkpoint is there, the newest or the previous one (the state file is written last). */
  public boolean exists() {
    return Files.isRegularFile(dir.resolve(STATE)) || Files.isRegularFile(previous.resolve(STATE));
  }

  /** Saves the graph's variables and {@code state}, replacing the previous checkpoint whole. */
  public void save(TrainingGraph graph, TrainingState state) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new IOException(parent + " was removed during the run: training stops; start it again");
    }
    Path tmp = Files.createTempDirectory(parent, "." + FOLDER + ".tmp");
    try {
      try {
        graph.save(tmp.resolve(VARIABLES).toString());
      } catch (RuntimeException e) {
        throw new IOException("cannot save the checkpoint: " + digits.io.NativeErrors.describe(e, "writing", tmp)
            + "; the previous checkpoint is untouched", e);
      }
      writeBest(tmp.resolve(BEST), state.best());
      MetricsCsv.write(tmp.resolve(METRICS), state.history());
      Properties p = new Properties();
      p.setProperty("epochs_done", String.valueOf(state.epochsDone()));
      p.setProperty("step", String.valueOf(state.step()));
      p.setProperty("best_epoch", String.valueOf(state.bestEpoch()));
      p.setProperty("best_score", Double.toString(state.bestScore()));
      p.setProperty("since_best", String.valueOf(state.sinceBest()));
      AtomicFiles.write(tmp.resolve(STATE), out -> p.store(out, "training state after epoch " + state.epochsDone()));
      String sums = checksums(tmp);
      AtomicFiles.write(tmp.resolve(SUMS), out -> out.write(sums.getBytes(StandardCharsets.UTF_8)));
      CrashPoint.reach("checkpoint-swap", state.epochsDone());
      if (Files.isRegularFile(dir.resolve(STATE)) && damage(dir) == null) {
        AtomicFiles.deleteTree(previous);
        AtomicFiles.move(dir, previous);
      } else {
        // incomplete or damaged, never restored (a resume fell back to the previous one): the previous one stays
        AtomicFiles.deleteTree(dir);
      }
      CrashPoint.reach("checkpoint-rotate", state.epochsDone());
      AtomicFiles.move(tmp, dir);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /** {@code sha256  path} for every file below {@code folder}, sorted by path. */
  private static String checksums(Path folder) throws IOException {
    StringBuilder s = new StringBuilder();
    try (var files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = folder.relativize(f).toString().replace('\\', '/');
        if (!name.equals(SUMS)) {
          s.append(sha256(f)).append("  ").append(name).append('\n');
        }
      }
    }
    return s.toString();
  }

  private static String sha256(Path file) throws IOException {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What is wrong with the checkpoint in {@code folder}, or null when every file matches its checksum. */
  static String damage(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return "missing: a swap was interrupted";
    }
    if (!Files.isRegularFile(folder.resolve(STATE))) {
      return "incomplete";
    }
    Path sums = folder.resolve(SUMS);
    if (!Files.isRegularFile(sums)) {
      return null; // written before checksums were: nothing to compare with
    }
    for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
      int split = line.indexOf("  ");
      if (split < 0) {
        return SUMS + " is damaged";
      }
      Path file = folder.resolve(line.substring(split + 2));
      if (!Files.isRegularFile(file)) {
        return line.substring(split + 2) + " is missing";
      }
      if (!sha256(file).equals(line.substring(0, split))) {
        return line.substring(split + 2) + " does not match its checksum (damaged)";
      }
    }
    return null;
  }

  /**
   * Restores the graph's variables from the newest sound checkpoint and returns its Java-side state; when the
   * newest is damaged, says so through {@code warn} and restores the previous one.
   *
   * @throws IOException naming the folder and the choices when neither is sound
   */
  public TrainingState restore(TrainingGraph graph, java.util.function.Consumer<String> warn) throws IOException {
    String newest = null;
    for (Path folder : java.util.List.of(dir, previous)) {
      String problem = damage(folder);
      if (problem == null) {
        try {
          TrainingState state = restoreFrom(folder, graph);
          if (newest != null) {
            warn.accept("The checkpoint " + dir + " cannot be used (" + newest + "): resuming from the previous "
                + "one, after epoch " + state.epochsDone());
          }
          return state;
        } catch (IOException e) {
          problem = e.getMessage();
        }
      }
      if (newest == null) {
        newest = problem;
      } else {
        throw new IOException(dir + " cannot be used (" + newest + "), nor can " + previous + " (" + problem
            + "): start the run again under a new name, or restore the run folder from a backup");
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static TrainingState restoreFrom(Path folder, TrainingGraph graph) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve(STATE), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    try {
      graph.restore(folder.resolve(VARIABLES).toString());
    } catch (RuntimeException e) {
      throw new IOException(digits.io.NativeErrors.describe(e, "reading", folder.resolve(VARIABLES)), e);
    }
    try {
      return new TrainingState(Integer.parseInt(p.getProperty("epochs_done")), Long.parseLong(p.getProperty("step")),
          Integer.parseInt(p.getProperty("best_epoch")), Double.parseDouble(p.getProperty("best_score")),
          Integer.parseInt(p.getProperty("since_best")), MetricsCsv.read(folder.resolve(METRICS)),
          readBest(folder.resolve(BEST)));
    } catch (NumberFormatException | NullPointerException e) {
      throw new digits.data.InvalidDataException(folder.resolve(STATE), "corrupt training state (" + e + ")");
    }
  }

  private static void writeBest(Path file, Map<String, float[]> best) throws IOException {
    AtomicFiles.write(file, raw -> {
      DataOutputStream out = new DataOutputStream(raw);
      out.writeInt(best == null ? -1 : best.size());
      if (best != null) {
        for (var e : best.entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue().length);
          for (float v : e.getValue()) {
            out.writeFloat(v);
          }
        }
      }
      out.flush();
    });
  }

  private static Map<String, float[]> readBest(Path file) throws IOException {
    try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(raw)) {
      int n = in.readInt();
      if (n < 0) {
        return null;
      }
      Map<String, float[]> best = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        int length = in.readInt();
        if (length < 0 || length > 1 << 28) {
          throw new digits.data.InvalidDataException(file, "corrupt weight length " + length + " for " + name);
        }
        float[] v = new float[length];
        for (int k = 0; k < length; k++) {
          v[k] = in.readFloat();
        }
        best.put(name, v);
      }
      return best;
    } catch (java.io.EOFException e) {
      throw new digits.data.InvalidDataException(file, "truncated");
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "checkpoint %s", dir);
  }
}
