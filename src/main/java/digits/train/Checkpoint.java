package digits.train;

import digits.data.AtomicFiles;
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
 * A run's last complete checkpoint, in {@code <run>/checkpoint/}: the graph's variables (weights, optimizer
 * slots, batch-norm statistics) through {@code Session.save}, the Java-side {@link TrainingState} in
 * {@code state.properties} and {@code best.weights}, and {@code metrics.csv} up to that epoch. A new checkpoint
 * is written to a temporary folder and swapped in by renames, so a kill at any moment leaves the previous
 * complete checkpoint or the new one.
 */
public final class Checkpoint {
  public static final String FOLDER = "checkpoint";
  private static final String VARIABLES = "variables";
  private static final String STATE = "state.properties";
  private static final String BEST = "best.weights";
  private static final String METRICS = "metrics.csv";

  private final Path dir;

  /** The checkpoint of the run in {@code runDir}. */
  public Checkpoint(Path runDir) {
    this.dir = runDir.resolve(FOLDER);
  }

  public Path dir() {
    return dir;
  }

  /** True when a complete checkpoint is there (its state file is written last). */
  public boolean exists() {
    return Files.isRegularFile(dir.resolve(STATE));
  }

  /** Saves the graph's variables and {@code state}, replacing the previous checkpoint whole. */
  public void save(TrainingGraph graph, TrainingState state) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + FOLDER + ".tmp");
    try {
      graph.save(tmp.resolve(VARIABLES).toString());
      writeBest(tmp.resolve(BEST), state.best());
      MetricsCsv.write(tmp.resolve(METRICS), state.history());
      Properties p = new Properties();
      p.setProperty("epochs_done", String.valueOf(state.epochsDone()));
      p.setProperty("step", String.valueOf(state.step()));
      p.setProperty("best_epoch", String.valueOf(state.bestEpoch()));
      p.setProperty("best_score", Double.toString(state.bestScore()));
      p.setProperty("since_best", String.valueOf(state.sinceBest()));
      AtomicFiles.write(tmp.resolve(STATE), out -> p.store(out, "training state after epoch " + state.epochsDone()));
      CrashPoint.reach("checkpoint-swap", state.epochsDone());
      AtomicFiles.replaceFolder(tmp, dir);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /** Restores the graph's variables and returns the Java-side state. */
  public TrainingState restore(TrainingGraph graph) throws IOException {
    if (!exists()) {
      throw new IOException(dir + ": no complete checkpoint");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(STATE), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    graph.restore(dir.resolve(VARIABLES).toString());
    try {
      return new TrainingState(Integer.parseInt(p.getProperty("epochs_done")), Long.parseLong(p.getProperty("step")),
          Integer.parseInt(p.getProperty("best_epoch")), Double.parseDouble(p.getProperty("best_score")),
          Integer.parseInt(p.getProperty("since_best")), MetricsCsv.read(dir.resolve(METRICS)),
          readBest(dir.resolve(BEST)));
    } catch (NumberFormatException | NullPointerException e) {
      throw new digits.data.InvalidDataException(dir.resolve(STATE), "corrupt training state (" + e + ")");
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
