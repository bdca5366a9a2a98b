package digits.cli;

import digits.data.Datasets;
import digits.run.Outcome;
import digits.run.Profile;
import digits.run.RunFolder;
import digits.run.TrainingRequest;
import digits.run.TrainingRun;
import digits.train.Devices;
import digits.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits train}: trains a profile, evaluates it on the test set and exports a SavedModel. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a profile (profiles/<name>.properties), evaluate on the test set, export a SavedModel.")
final class TrainCommand implements Callable<Integer> {
  /** Set by the Maven gpu profile, so {@code mvn exec:java -Pgpu} reports on the GPU without a flag. */
  static final String DEVICE_PROPERTY = "digits.device";

  @Spec CommandSpec spec;

  @Option(names = {"-p", "--profile"}, defaultValue = "default", paramLabel = "NAME|FILE",
      description = "Recipe: a name in --profiles-dir or a .properties file (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR",
      description = "Where profile names are looked up (default: ${DEFAULT-VALUE}).")
  Path profilesDir;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
      description = "Override a profile setting, e.g. --set epochs=3 --set learning_rate=0.002 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--epochs", description = "Shortcut for --set epochs=N.")
  Integer epochs;

  @Option(names = "--seed", description = "Shortcut for --set seed=N.")
  Long seed;

  @Option(names = "--dataset", paramLabel = "NAME|DIR", description = "Shortcut for --set dataset=...")
  String dataset;

  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
      description = "Where known datasets are kept and fetched to (default: ${DEFAULT-VALUE}).")
  Path dataRoot;

  @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR",
      description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
  Path runsDir;

  @Option(names = "--run-name", description = "Run folder name (default: <profile>-<date>-<time>).")
  String runName;

  @Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "Continue an interrupted run from its last complete checkpoint (runs/<name>); the recipe "
          + "comes from its config.properties.")
  Path resume;

  @Option(names = "--gpu", description = "Report whether TensorFlow can use a GPU (needs the gpu Maven profile).")
  boolean gpu;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar (one line per epoch only), for CI logs.")
  boolean quiet;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    Map<String, String> settings;
    Path dir;
    String profileName;
    if (resume != null) {
      if (!overrides.isEmpty() || epochs != null || seed != null || dataset != null || runName != null) {
        throw new UsageException("--resume takes the recipe from the run folder: drop --set, --epochs, --seed, "
            + "--dataset and --run-name");
      }
      dir = resume;
      if (new RunFolder(dir).finished()) {
        throw new UsageException("Run " + dir + " already finished (see its summary.properties): nothing to resume");
      }
      if (!java.nio.file.Files.isRegularFile(new RunFolder(dir).config())) {
        throw new UsageException(dir + " is not a run folder (no " + new RunFolder(dir).config().getFileName()
            + ")");
      }
      settings = Profile.merge(Profile.read(new RunFolder(dir).config().toString(), profilesDir), Map.of());
      profileName = dir.getFileName().toString();
    } else {
      settings = resolveSettings();
      profileName = Path.of(profile).getFileName().toString().replace(".properties", "");
      String name = runName != null ? runName : profileName + "-" + RunFolder.timestamp();
      dir = runsDir.resolve(name);
      if (Files.exists(dir)) {
        throw new UsageException("Run folder " + dir + " already exists: choose another --run-name");
      }
    }
    TrainingConfig config = Profile.toConfig(settings);

    if (gpu || "gpu".equals(System.getProperty(DEVICE_PROPERTY))) {
      boolean cudaBuild = Devices.class.getClassLoader()
          .getResource("org/tensorflow/internal/c_api/linux-x86_64-gpu/") != null;
      log.println(Devices.gpuUsable() ? "GPU: TensorFlow can use /device:GPU:0; the model runs there."
          : "GPU: not used, running on the CPU: " + digits.train.GpuLibraries.explain(
              cudaBuild ? digits.train.GpuLibraries.missingHere() : java.util.Set.of(), cudaBuild));
    }
    Datasets.Loaded data = Datasets.load(config.data().dataset(), dataRoot, log);
    log.printf("Profile %s, dataset %s: %,d training images (%.0f%% held out for validation), %,d test images%n",
        profileName, data.name(), data.train().size(), 100 * config.data().validationSplit(), data.test().size());
    log.printf("Precision: %s%n", config.loop().precision().describe());
    out.print(config.network(data.train().height(), data.train().width(), data.train().classes(),
        digits.data.Normalization.UNIT).summary());
    out.flush();

    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      log.println("Interrupted: stopping after the current step and writing what the run has so far...");
      log.flush();
      try {
        finished.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "digits-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    Outcome o;
    try {
      o = TrainingRun.run(new TrainingRequest(config, settings, data, dir,
          resume != null ? TrainingRequest.Start.RESUME : TrainingRequest.Start.FRESH,
          List.of(new ProgressListener(log, System.err, !quiet && System.console() != null)), List.of(), stop, log));
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for `finished`, which is now counted down
      }
    }
    var t = o.training();
    out.printf("Stopped: %s after %d epoch(s) in %.1f s; kept the weights of epoch %d%n",
        t.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), t.history().size(), t.trainingSeconds(),
        t.bestEpoch());
    if (o.validation() != null) {
      out.printf("Validation accuracy: %.2f%% (loss %.4f)%n", 100 * o.validation().accuracy(), o.validation().loss());
    }
    out.printf("Test accuracy: %.2f%% (loss %.4f) on %,d images%n", 100 * o.test().accuracy(), o.test().loss(),
        o.test().count());
    out.printf("Outputs: %s (report.html, config.properties, metrics.csv, summary.properties, saved_model/, PNG figures)%n", dir);
    return 0;
  }

  Map<String, String> resolveSettings() throws java.io.IOException {
    Map<String, String> cli = new LinkedHashMap<>(overrides);
    if (epochs != null) {
      cli.put("epochs", String.valueOf(epochs));
    }
    if (seed != null) {
      cli.put("seed", String.valueOf(seed));
    }
    if (dataset != null) {
      cli.put("dataset", dataset);
    }
    return Profile.merge(Profile.read(profile, profilesDir), cli);
  }
}
