package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Datasets;
import digits.data.Fixtures;
import digits.run.Profile;
import digits.run.TrainingRequest;
import digits.run.TrainingRun;
import digits.train.EpochMetrics;
import digits.train.TrainingConfig;
import digits.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder turns read-only in the middle of a run (its write permission taken away; as root, which
 * permissions do not bind, made immutable with chattr): training stops with a clear error and what was written
 * before stays complete.
 */
class ReadOnlyOutputTest {
  @TempDir Path tmp;

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  /** Makes {@code dir} read-only ({@code readOnly}) or writable again. */
  private static void readOnly(Path dir, boolean readOnly) throws Exception {
    if (!ROOT) {
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(
          readOnly ? "r-xr-xr-x" : "rwxr-xr-x"));
      return;
    }
    String flag = readOnly ? "+i" : "-i";
    Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "chattr " + flag + " " + dir + ": " + out);
  }

  @Test
  void aFolderThatTurnsReadOnlyStopsTheRunAndKeepsEarlierOutputs() throws Exception {
    Path dataDir = Fixtures.writeDataset(Files.createDirectories(tmp.resolve("data")), 300, 60, false, false);
    Map<String, String> s = new HashMap<>(Profile.DEFAULTS);
    s.put("architecture", "flatten dense(10)");
    s.put("epochs", "3");
    s.put("batch_size", "50");
    TrainingConfig config = Profile.toConfig(s);
    Datasets.Loaded data = Datasets.load(dataDir.toString(), tmp, new PrintWriter(new StringWriter()));
    Path run = tmp.resolve("runs/r");
    TrainingListener lockAtEpoch2 = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        if (m.epoch() == 2) {
          try {
            readOnly(run, true);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
    try {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TrainingRun.run(TrainingRequest.fresh(
          config, s, data, run, List.of(lockAtEpoch2), new AtomicBoolean(), new PrintWriter(new StringWriter()))));
      String message = e.getCause().getMessage();
      assertTrue(message.startsWith("cannot write " + run.resolve("metrics.csv")), message);
      assertTrue(message.contains("untouched"), message);
    } finally {
      readOnly(run, false);
    }
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(2, metrics.size(), "header and the complete epoch-1 row: " + metrics);
    // The checkpoint was written before the folder turned read-only: it is ahead of metrics.csv, never behind
    // (a resume rewrites metrics.csv from it).
    assertTrue(Files.readString(run.resolve("checkpoint/state.properties")).contains("epochs_done=2"));
    try (var files = Files.list(run)) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
    }
  }

  @Test
  void anUnwritableRunsFolderIsOneErrorLine() throws IOException {
    var err = new StringWriter();
    Path data = Fixtures.writeDataset(Files.createDirectories(tmp.resolve("d")), 100, 20, false, false);
    int code = Main.run(new String[] {"train", "-p", "smoke", "--dataset", data.toString(), "--runs-dir",
        "/sys/digits-runs", "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertEquals(1, code);
    List<String> errors = err.toString().lines().filter(l -> l.startsWith("digits:")).toList();
    assertEquals(1, errors.size(), err.toString());
    assertTrue(errors.get(0).contains("/sys/digits-runs"), errors.get(0));
  }
}
