package digits.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains in child JVMs, kills them with SIGKILL at chosen points (mid-epoch, while a checkpoint is being
 * swapped in, while the SavedModel is being swapped in), resumes, and compares the end with an uninterrupted
 * run of the same seed: the same metrics (all but the timing columns) and the same final weights.
 */
@Tag("slow")
class ResumeAfterKillTest {
  @TempDir Path tmp;
  private Path data;
  private Path profile;
  private Path runs;

  @BeforeEach
  void setUp() throws IOException {
    data = Fixtures.writeDataset(Files.createDirectories(tmp.resolve("data")), 400, 100, true, false);
    profile = tmp.resolve("tiny.properties");
    Files.writeString(profile, String.join("\n",
        "architecture = conv(4,3,relu) bn pool(2) flatten dropout(0.2) dense(10)",
        "epochs = 4", "batch_size = 32", "optimizer = adam", "learning_rate = 0.003", "schedule = cosine",
        "augment.rotation = 6", "augment.shift = 1", "validation_split = 0.1", "ema_decay = 0.9", "seed = 5", ""));
    runs = tmp.resolve("runs");
  }

  /** Starts `digits train` in a child JVM; with a crash point it is killed there (SIGKILL) and null is returned. */
  private Integer train(String crashAt, String... args) throws Exception {
    Process p = start(crashAt, args);
    StringBuilder output = new StringBuilder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.append(line).append('\n');
        if (crashAt != null && line.startsWith("CRASHPOINT")) {
          p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
          p.waitFor(30, TimeUnit.SECONDS);
          return null;
        }
      }
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertTrue(crashAt == null, "never reached crash point " + crashAt + ":\n" + output);
    assertEquals(0, p.exitValue(), output.toString());
    return p.exitValue();
  }

  private Process start(String crashAt, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    if (crashAt != null) {
      command.add("-Ddigits.crash.at=" + crashAt);
    }
    command.add(Main.class.getName());
    command.add("train");
    command.addAll(List.of(args));
    command.add("--quiet");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    return pb.start();
  }

  private String[] fresh(String name) {
    return new String[] {"--profile", profile.toString(), "--dataset", data.toString(), "--runs-dir",
        runs.toString(), "--run-name", name};
  }

  private String[] resume(String name) {
    return new String[] {"--resume", runs.resolve(name).toString()};
  }

  /** metrics.csv without the two timing columns. */
  private List<String> metrics(String run) throws IOException {
    return Files.readAllLines(runs.resolve(run).resolve("metrics.csv")).stream()
        .map(l -> String.join(",", List.of(l.split(",")).subList(0, 6))).toList();
  }

  @Test
  void killedThreeTimesAndResumedEndsExactlyLikeAnUninterruptedRun() throws Exception {
    train(null, fresh("reference"));

    // 12 steps per epoch: step 17 is in the middle of epoch 2.
    assertEquals(null, train("step:17", fresh("killed")));
    Path run = runs.resolve("killed");
    assertFalse(Files.exists(run.resolve("summary.properties")), "an unfinished run says so");
    assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and epoch 1");

    assertEquals(null, train("checkpoint-swap:3", resume("killed")));
    assertEquals(null, train("export-swap:1", resume("killed")));
    assertFalse(Files.exists(run.resolve("summary.properties")));
    train(null, resume("killed"));

    assertEquals(metrics("reference"), metrics("killed"));
    assertEquals(5, metrics("killed").size());
    assertArrayEquals(Files.readAllBytes(runs.resolve("reference/checkpoint/best.weights")),
        Files.readAllBytes(run.resolve("checkpoint/best.weights")), "same final weights");
    assertArrayEquals(Files.readAllBytes(runs.resolve("reference/saved_model/variables/variables.data-00000-of-00001")),
        Files.readAllBytes(run.resolve("saved_model/variables/variables.data-00000-of-00001")),
        "same exported weights");
    String a = Files.readString(runs.resolve("reference/summary.properties")).replaceAll("(?m)^(training_seconds|saved_model).*$", "");
    String b = Files.readString(run.resolve("summary.properties")).replaceAll("(?m)^(training_seconds|saved_model).*$", "");
    assertEquals(a, b);
    assertTrue(b.contains("precision = " + digits.inference.Precision.AUTO.resolve().name().toLowerCase(java.util.Locale.ROOT)),
        "the summary says which precision auto chose here: " + b);
    try (Stream<Path> files = Files.list(run)) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
          "no temporary leftovers");
    }
  }

  @Test
  void sigtermStopsAfterTheCurrentStepAndStillWritesEveryOutput() throws Exception {
    List<String> args = new ArrayList<>(List.of(fresh("term")));
    args.addAll(List.of("--set", "epochs=500"));
    Process p = start(null, args.toArray(new String[0]));
    StringBuilder output = new StringBuilder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.startsWith("Epoch 1/")) {
          p.toHandle().destroy(); // SIGTERM, as a scheduler would send; Process.destroy would close our pipe
        }
      }
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    Path run = runs.resolve("term");
    assertFalse(output.toString().contains("error"), output.toString());
    assertTrue(Files.readString(run.resolve("summary.properties")).contains("stop_reason = interrupted"), output.toString());
    for (String file : List.of("report.html", "confusion_matrix.png", "predictions.png", "mistakes.png",
        "training_curves.png", "saved_model/saved_model.pb")) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file + " written after SIGTERM:\n" + output);
    }
  }

  @Test
  void aDivergingRunStopsNamingTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
    assertEquals(null, train("step:17", fresh("nan")));
    Path run = runs.resolve("nan");
    Path config = run.resolve("config.properties");
    Files.writeString(config, Files.readString(config).replace("learning_rate = 0.003", "learning_rate = 1e35"));
    String before = Files.readString(run.resolve("checkpoint/state.properties"));

    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int code = Main.run(new String[] {"train", "--resume", run.toString()}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
    assertEquals(1, code, err.toString());
    List<String> errors = err.toString().lines().filter(l -> l.startsWith("digits: error")).toList();
    assertEquals(1, errors.size(), err.toString());
    assertTrue(errors.get(0).matches("digits: error: Training diverged: loss is (NaN|Infinity) at epoch 2, step 1[3-9] .*"),
        errors.get(0));
    assertEquals(1, err.toString().lines().filter(l -> l.startsWith("digits:")).count(), err.toString());
    assertEquals(before, Files.readString(run.resolve("checkpoint/state.properties")), "checkpoint kept");
    assertTrue(before.contains("epochs_done=1"), before);
  }

  /** Runs `digits train` in this JVM; returns the exit code, with stderr in {@code err}. */
  private static int inProcess(java.io.StringWriter err, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--quiet";
    return Main.run(all, new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
  }

  @Test
  void killedBeforeItsFirstCheckpointItStartsAgainInTheSameFolder() throws Exception {
    train(null, fresh("reference"));
    assertEquals(null, train("step:5", fresh("early")));
    Path run = runs.resolve("early");
    assertFalse(Files.exists(run.resolve("checkpoint")), "nothing complete yet");
    var err = new java.io.StringWriter();
    assertEquals(0, inProcess(err, resume("early")), err.toString());
    assertTrue(err.toString().contains("has no complete checkpoint (it stopped during its first epoch): starting "
        + "it again"), err.toString());
    assertEquals(metrics("reference"), metrics("early"));
  }

  @Test
  void metricsNeverClaimAnEpochTheCheckpointLacks() throws Exception {
    train(null, fresh("reference"));
    // Killed while epoch 2's checkpoint is being swapped in: the checkpoint still holds epoch 1, and so must
    // metrics.csv.
    assertEquals(null, train("checkpoint-swap:2", fresh("order")));
    Path run = runs.resolve("order");
    assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and epoch 1 only");
    assertTrue(Files.readString(run.resolve("checkpoint/state.properties")).contains("epochs_done=1"));
    // Killed between the two renames of a swap: only the previous generation is complete.
    assertEquals(null, train("checkpoint-rotate:3", resume("order")));
    assertFalse(Files.exists(run.resolve("checkpoint")));
    var err = new java.io.StringWriter();
    assertEquals(0, inProcess(err, resume("order")), err.toString());
    assertTrue(err.toString().contains("resuming from the previous one, after epoch 2"), err.toString());
    assertTrue(err.toString().contains("Resuming " + run + " after epoch 2 (step 24)"),
        "resumed, not retrained: " + err);
    assertEquals(metrics("reference"), metrics("order"));
  }

  @Test
  void aDamagedCheckpointFallsBackToThePreviousOneAndTwoDamagedOnesSaySo() throws Exception {
    train(null, fresh("reference"));
    assertEquals(null, train("step:30", fresh("damaged"))); // 12 steps an epoch: in epoch 3
    Path run = runs.resolve("damaged");
    Path data = run.resolve("checkpoint/variables.data-00000-of-00001");
    Files.write(data, new byte[] {1, 2, 3, 4, 5, 6, 7});
    var err = new java.io.StringWriter();
    assertEquals(0, inProcess(err, resume("damaged")), err.toString());
    assertTrue(err.toString().contains("The checkpoint " + run.resolve("checkpoint") + " cannot be used "
        + "(variables.data-00000-of-00001 does not match its checksum (damaged)): resuming from the "
        + "previous one, after epoch 1"), err.toString());
    assertEquals(metrics("reference"), metrics("damaged"));

    assertEquals(null, train("step:30", fresh("ruined")));
    Path ruined = runs.resolve("ruined");
    Files.write(ruined.resolve("checkpoint/variables.data-00000-of-00001"), new byte[7]);
    Files.write(ruined.resolve("checkpoint.previous/best.weights"), new byte[3]);
    var err2 = new java.io.StringWriter();
    assertEquals(1, inProcess(err2, resume("ruined")));
    List<String> lines = err2.toString().lines().filter(l -> l.startsWith("digits:")).toList();
    assertEquals(1, lines.size(), err2.toString());
    assertTrue(lines.get(0).startsWith("digits: error: " + ruined.resolve("checkpoint") + " cannot be used ("),
        lines.get(0));
    assertTrue(lines.get(0).endsWith("start the run again under a new name, or restore the run folder from a backup"),
        lines.get(0));
  }
}
