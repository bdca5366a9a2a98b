package digits.cli;

import digits.bench.TrainingBenchmark;
import digits.data.Augmentation;
import digits.data.Datasets;
import digits.data.LabeledImages;
import digits.run.Profile;
import digits.train.EpochMetrics;
import digits.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code digits bench}: speed and accuracy figures, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (not tests): pipeline, train.",
    subcommands = {BenchCommand.Pipeline.class, BenchCommand.Train.class, BenchCommand.Predict.class,
        BenchCommand.Memory.class, BenchCommand.Serve.class, BenchCommand.Table.class, BenchCommand.Step.class, BenchCommand.Scans.class,
        BenchReadCommand.class})
final class BenchCommand {
  /** The CPU's estimated fp32 peak and the share of it that training at {@code imagesPerSecond} reaches. */
  static void printPeakShare(PrintWriter out, long flopsPerImage, double imagesPerSecond,
      digits.train.Precision precision) {
    digits.bench.CpuPeak peak = digits.bench.CpuPeak.detect();
    double flops = flopsPerImage * imagesPerSecond;
    out.printf("CPU: %s%n", peak.describe());
    out.printf("Precision: %s%s%n", precision.describe(), precision.resolve() == digits.train.Precision.MIXED_BFLOAT16
        ? "; bfloat16 dot products run at up to twice the fp32 rate, so the share below can pass 100%" : "");
    out.printf("Training: %.1f MFLOP per image (3 x the forward pass's convolutions and dense layers) x %,.0f img/s = "
        + "%.0f GFLOP/s, %.0f%% of the estimated fp32 peak%n", flopsPerImage / 1e6, imagesPerSecond, flops / 1e9,
        100 * peak.share(flops));
  }

  /** Augmented images per second per thread, and the whole pipeline's rate. */
  @Command(name = "pipeline", mixinStandardHelpOptions = true,
      description = "Augmentation throughput per thread and of the prefetching pipeline on the training set.")
  static final class Pipeline implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Option(names = "--seconds", defaultValue = "3", description = "Time per measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--epoch-seconds", defaultValue = "9.0",
        description = "Training epoch time to compare against (default: ${DEFAULT-VALUE}, the default profile here).")
    double epochSeconds;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      LabeledImages train = data.load(spec.commandLine().getErr()).train();
      Augmentation aug = Augmentation.affine(10, 0.1, 2);
      Augmentation withShear = new Augmentation(10, 0.1, 2, 8, 0, 4, false, false);
      Augmentation elastic = new Augmentation(10, 0.1, 2, 0, 2, 4, false, false);
      Augmentation strongElastic = new Augmentation(10, 0.1, 2, 0, 34, 4, false, false);
      Augmentation ink = new Augmentation(10, 0.1, 2, 0, 0, 4, false, false,
          new digits.data.InkAugmentation(0.3, 0.3, 0.3, 0.3, 0.3));
      int cores = Runtime.getRuntime().availableProcessors();
      out.printf("Augmentation (random affine warp, bilinear; elastic and ink distortions on top), %d cores%n", cores);
      out.printf("%-34s %8s %16s%n", "setting", "threads", "img/s/thread");
      double perThread = 0;
      for (var named : List.of(Map.entry("rotation+zoom+shift", aug), Map.entry("+ shear", withShear),
          Map.entry("+ elastic (alpha 2, sigma 4)", elastic), Map.entry("+ elastic (alpha 34, sigma 4)", strongElastic),
          Map.entry("+ ink distortions (each p 0.3)", ink))) {
        for (int threads : List.of(1, cores)) {
          double rate = digits.bench.PipelineBenchmark.warpRate(train, named.getValue(), threads, seconds);
          if (named.getValue() == aug && threads == 1) {
            perThread = rate;
          }
          out.printf("%-34s %8d %,16.0f%n", named.getKey(), threads, rate);
        }
      }
      double pipelineRate = digits.bench.PipelineBenchmark.pipelineRate(train, aug, seconds);
      out.printf("Pipeline (shuffle, batch 128, augment, prefetch 2 on one thread): %,.0f img/s%n", pipelineRate);
      double share = 54_000 / perThread / epochSeconds;
      out.printf("Augmenting a 54,000-image epoch costs %.2f s of one thread: %.1f%% of a %.1f s epoch (target < 5%%)%n",
          54_000 / perThread, 100 * share, epochSeconds);
      out.printf("Target >= 100,000 img/s per core: %s%n", perThread >= 100_000 ? "met" : "NOT met");
      return 0;
    }
  }

  /** Trains a profile and prints speed, when 99% was reached, final accuracy and peak memory. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train a profile and report seconds/epoch, images/s, the epoch where validation and test "
          + "accuracy first reach the target, final test accuracy and peak memory.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", defaultValue = "default", paramLabel = "PROFILE",
        description = "Profile name or file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR")
    Path profilesDir;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR")
    Path dataRoot;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR")
    Path runsDir;

    @Option(names = "--target", defaultValue = "0.99", description = "Accuracy to time (default: ${DEFAULT-VALUE}).")
    double target;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      TrainingBenchmark.Result r = TrainingBenchmark.measure(profile, overrides, profilesDir, dataRoot, runsDir, target,
          spec.commandLine().getErr(), new ProgressListener(spec.commandLine().getErr(), System.err, false));
      out.printf("%nBenchmark: profile %s, %s, %,d parameters, batch %d, %d cores%n", profile, r.config().dataset(),
          r.parameters(), r.config().batchSize(), Runtime.getRuntime().availableProcessors());
      out.printf("%-6s %10s %10s %10s %10s %12s%n", "epoch", "seconds", "img/s", "val_acc", "test_acc", "cumulative_s");
      double cumulative = 0;
      for (int i = 0; i < r.history().size(); i++) {
        EpochMetrics m = r.history().get(i);
        cumulative += m.epochSeconds();
        out.printf("%-6d %10.1f %,10.0f %10.4f %10.4f %12.1f%n", m.epoch(), m.epochSeconds(), m.imagesPerSecond(),
            m.validationAccuracy(), r.testPerEpoch().get(i).accuracy(), cumulative);
      }
      out.printf("Seconds per epoch (mean): %.2f%n", r.trainingSeconds() / r.history().size());
      out.printf("Training images/s (mean): %,.0f%n", r.imagesPerSecond());
      out.printf("Validation accuracy first >= %.1f%%: %s%n", 100 * target,
          r.validationEpoch() == 0 ? "never" : "epoch " + r.validationEpoch());
      out.printf("Test accuracy first >= %.1f%%: %s%n", 100 * target, r.testEpoch() == 0 ? "never"
          : String.format("epoch %d (%.1f s of training)", r.testEpoch(), r.secondsToTarget()));
      out.printf("Final test accuracy (weights of epoch %d, chosen on validation): %.2f%%%n", r.keptEpoch(),
          100 * r.testAccuracy());
      out.printf("Wall time, start to exported model: %.1f s%n", r.wallSeconds());
      out.printf("Peak memory (resident): %,d MiB%n", r.peakMiB());
      printPeakShare(out, r.trainingFlopsPerImage(), r.imagesPerSecond(), r.config().precision());
      out.printf("Run folder: %s%n", r.dir());
      return 0;
    }
  }

  /** Several profiles, one table. */
  @Command(name = "table", mixinStandardHelpOptions = true,
      description = "Benchmark several profiles in turn and print one table: parameters, epochs, training seconds, "
          + "images/s, validation and test accuracy, peak memory, and when test accuracy first reached 99%.")
  static final class Table implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PROFILE", description = "Profiles (default: fast keras default).")
    List<String> profiles = List.of("fast", "keras", "default");

    @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR")
    Path profilesDir;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR")
    Path dataRoot;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR")
    Path runsDir;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<TrainingBenchmark.Result> rows = new ArrayList<>();
      for (String p : profiles) {
        rows.add(TrainingBenchmark.measure(p, Map.of(), profilesDir, dataRoot, runsDir, 0.99, spec.commandLine().getErr(),
            new ProgressListener(spec.commandLine().getErr(), System.err, false)));
      }
      out.printf("%n| profile | parameters | epochs | training s | img/s | val acc | test acc | peak MiB | test >= 99.0%% at |%n");
      out.println("|---|---|---|---|---|---|---|---|---|");
      for (TrainingBenchmark.Result r : rows) {
        out.printf("| %s | %,d | %d | %.1f | %,.0f | %.2f%% | %.2f%% | %,d | %s |%n", r.profile(), r.parameters(),
            r.history().size(), r.trainingSeconds(), r.imagesPerSecond(), 100 * r.validationAccuracy(),
            100 * r.testAccuracy(), r.peakMiB(), r.testEpoch() == 0 ? "never"
                : String.format("%.1f s (epoch %d)", r.secondsToTarget(), r.testEpoch()));
      }
      out.printf("Machine: %d cores, Java %s; test accuracy per epoch is reported, never used to choose.%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      return 0;
    }
  }

  /** Where one training step's time goes: input tensors, the session run, the pipeline, and each kind of op. */
  @Command(name = "step", mixinStandardHelpOptions = true,
      description = "Time a profile's training step: creating the input tensors, the session run on batches held in "
          + "memory, the same fed by the prefetching pipeline, and TensorFlow's trace of which ops take the time.")
  static final class Step implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Parameters(index = "0", defaultValue = "keras", paramLabel = "PROFILE",
        description = "Profile name or file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR")
    Path profilesDir;

    @Option(names = "--steps", defaultValue = "200", description = "Timed steps per measurement (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--trace-steps", defaultValue = "20", description = "Traced steps (default: ${DEFAULT-VALUE}).")
    int traceSteps;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (steps < 1 || traceSteps < 1) {
        throw new UsageException("Expected --steps >= 1 and --trace-steps >= 1");
      }
      TrainingConfig config = Profile.toConfig(Profile.merge(Profile.read(profile, profilesDir), overrides));
      LabeledImages train = data.load(spec.commandLine().getErr()).train();
      digits.bench.StepBenchmark.Result r = digits.bench.StepBenchmark.measure(config, train, steps, traceSteps);
      long total = r.tracedMicros();
      out.printf("%nStep of profile %s: %,d parameters, batch %d, %d cores%n", profile, r.parameters(),
          r.batchSize(), Runtime.getRuntime().availableProcessors());
      out.printf("Input tensor creation:             %8.1f us per batch%n", r.tensorMicros());
      out.printf("Session run, batches in memory:    %8.2f ms per step  %,8.0f img/s%n", r.heldMs(),
          r.heldImagesPerSecond());
      out.printf("Same, fed by the pipeline:         %8.2f ms per step  %,8.0f img/s%n", r.pipelineMs(),
          r.pipelineImagesPerSecond());
      printPeakShare(out, r.trainingFlopsPerImage(), r.heldImagesPerSecond(), config.precision());
      out.printf("Traced op time (summed over ops, parallel ops overlap): %.2f ms per step%n",
          total / 1e3 / r.tracedSteps());
      for (var e : r.byPhase().entrySet()) {
        out.printf("  %-10s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / total);
      }
      out.printf("Op types by share of traced time:%n");
      long shown = 0;
      for (var e : r.byType().entrySet().stream().limit(12).toList()) {
        out.printf("  %-28s %5.1f%%  %8.1f us per step%n", e.getKey(), 100.0 * e.getValue() / total,
            e.getValue() / (double) r.tracedSteps());
        shown += e.getValue();
      }
      out.printf("  %-28s %5.1f%%%n", "(all others)", 100.0 * (total - shown) / total);
      return 0;
    }
  }

  /** Latency of reading one image, and files per second over a folder of PNGs. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Single-image latency (median, p99) and files/s over a folder of PNG digits made from the "
          + "MNIST test set (dark ink on white, 112x112, as a scan would be), one at a time and in batches.")
  static final class Predict implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Mixin ModelOption model;

    @Option(names = "--images", defaultValue = "1000", description = "Images to time (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
        description = "Files per batch in the batched reading (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--single", description = "Read each file as one digit, as `predict --single` does (default: "
        + "as a line of digits, which scores several candidate cuts per image).")
    boolean single;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      if (images < 1 || batchSize < 1) {
        throw new UsageException("Expected --images >= 1 and --batch-size >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      LabeledImages test = data.load(spec.commandLine().getErr()).test();
      int n = Math.min(images, test.size());
      digits.bench.PredictBenchmark.Result r;
      try (digits.predict.DigitRecognizer recognizer = digits.predict.DigitRecognizer.load(model.dir)) {
        r = digits.bench.PredictBenchmark.run(recognizer, test, n, batchSize,
            digits.predict.ReadRequest.of(single, 0));
      }
      out.printf("Single image (112x112 scan -> preprocessing -> model), %d images, one thread:%n", r.images());
      out.printf("  latency median %.2f ms, p99 %.2f ms; %.2f%% read correctly%n", r.medianMs(), r.p99Ms(),
          100 * r.accuracy());
      out.printf("Folder of %d PNG files (decode, %s, model), one at a time: %,.0f files/s%n",
          r.files(), single ? "preprocess as one digit" : "segment, preprocess", r.filesPerSecond());
      out.printf("Same folder in batches of %d (prepared on %d cores, shared model calls): %,.0f files/s (%.1fx), "
          + "%.2f%% read correctly%n", r.batchSize(), Runtime.getRuntime().availableProcessors(),
          r.batchedFilesPerSecond(), r.batchedFilesPerSecond() / r.filesPerSecond(), 100 * r.batchedAccuracy());
      return 0;
    }
  }

  /** Resident memory over a long run: every Tensor and Result closed means no native growth. */
  @Command(name = "memory", mixinStandardHelpOptions = true,
      description = "Train a small model for many epochs and print resident memory after each; report the drift "
          + "between epoch 2 and the last (target <= 5%).")
  static final class Memory implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR")
    Path dataRoot;

    @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR")
    Path profilesDir;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR")
    Path runsDir;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter log = spec.commandLine().getErr();
      Map<String, String> settings = Profile.merge(Profile.read("smoke", profilesDir),
          Map.of("epochs", String.valueOf(epochs), "augment.rotation", "8", "architecture",
              "conv(8,3,relu) bn pool(2) flatten dropout(0.2) dense(10)"));
      TrainingConfig config = Profile.toConfig(settings);
      Datasets.Loaded data = Datasets.load(config.dataset(), dataRoot, log);
      List<Long> rss = digits.bench.MemoryBenchmark.run(config, settings, data, runsDir, (epoch, kb) -> {
        out.printf("epoch %2d  resident %,d MiB%n", epoch, kb / 1024);
        out.flush();
      }, log);
      if (rss.size() >= 2 && rss.get(0) > 0) {
        long second = rss.get(1);
        long last = rss.get(rss.size() - 1);
        double drift = 100.0 * (last - second) / second;
        out.printf("Resident memory after epoch 2: %,d MiB; after epoch %d: %,d MiB; drift %+.1f%% (target <= 5%%)%n",
            second / 1024, rss.size(), last / 1024, drift);
      }
      return 0;
    }
  }

  /** Many concurrent clients against the server on loopback for a fixed time. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Start the server on a free loopback port and post PNG digits from many concurrent clients "
          + "for a fixed time; print requests/s, p50/p99 latency and errors (target: 0 errors).")
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Mixin ModelOption model;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--slow-clients", defaultValue = "0", paramLabel = "N",
        description = "Instead of the load test: keep N connections sending a request body a byte a second and "
            + "measure /healthz and a normal /v1/predict meanwhile (target: each within 1 s).")
    int slowClients;

    @Mixin VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
      if (slowClients < 0 || clients < 1 || seconds < 1) {
        throw new UsageException("Expected --clients >= 1, --seconds >= 1 and --slow-clients >= 0");
      }
      PrintWriter out = spec.commandLine().getOut();
      LabeledImages test = data.load(spec.commandLine().getErr()).test();
      List<byte[]> bodies = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        var bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(digits.bench.PredictBenchmark.scan(test, i), "png", bytes);
        bodies.add(bytes.toByteArray());
      }
      var options = digits.serve.PredictionServer.Options.defaults("127.0.0.1", 0);
      try (digits.predict.DigitRecognizer recognizer = digits.predict.DigitRecognizer.load(model.dir)) {
        if (slowClients > 0) {
          try (digits.serve.PredictionServer server = digits.serve.PredictionServer.start(recognizer,
              Map.of("model", model.dir.toString()), options)) {
            var r = digits.bench.ServeBenchmark.underSlowClients(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/"), bodies.get(0), slowClients, seconds);
            out.printf("%d slow clients (a byte a second each) for %d s on loopback: %d connected at the end, %d "
                + "reopened after the server's %d s body limit%n", r.slowClients(), seconds, r.connected(),
                r.reconnects(), options.requestTimeout().toSeconds());
            out.printf("  GET /healthz      p50 %6.1f ms, max %6.1f ms%n", r.healthP50Ms(), r.healthMaxMs());
            out.printf("  POST /v1/predict  p50 %6.1f ms, max %6.1f ms%n", r.predictP50Ms(), r.predictMaxMs());
            out.printf("  %d errors of %d requests%n", r.errors(), r.requests());
            return r.errors() == 0 && r.healthMaxMs() < 1000 && r.predictMaxMs() < 1000 ? 0 : 1;
          }
        }
        out.printf("%d clients for %d s each on loopback (client and server share this machine's %d cores):%n",
            clients, seconds, Runtime.getRuntime().availableProcessors());
        long errors = 0;
        for (java.time.Duration window : List.of(java.time.Duration.ZERO, options.gatherWindow())) {
          var each = new digits.serve.PredictionServer.Options(options.host(), options.port(), options.workers(),
              options.maxBodyBytes(), options.requestTimeout(), window);
          try (digits.serve.PredictionServer server = digits.serve.PredictionServer.start(recognizer,
              Map.of("model", model.dir.toString()), each)) {
            digits.bench.ServeBenchmark.Result r = digits.bench.ServeBenchmark.run(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/predict"), bodies, clients, seconds);
            out.printf("  %-26s %,6.0f requests/s, latency p50 %6.1f ms, p99 %6.1f ms, %d errors of %,d%n",
                window.isZero() ? "each request alone:" : "gathered (" + window.toMillis() + " ms window):",
                r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.requests());
            errors += r.errors();
          }
        }
        return errors == 0 ? 0 : 1;
      }
    }
  }

  /** MNIST test digits written as PNG scans, to time commands that read files (predict, read-batch). */
  @Command(name = "scans", mixinStandardHelpOptions = true,
      description = "Write MNIST test digits as 112x112 PNG scans (dark ink on white) named <index>-<label>.png, "
          + "to time the commands that read image files.")
  static final class Scans implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path output;

    @Option(names = "--images", defaultValue = "10000", description = "How many (default: ${DEFAULT-VALUE}).")
    int images;

    @Override
    public Integer call() throws Exception {
      if (images < 1) {
        throw new UsageException("--images: expected a count >= 1, received " + images);
      }
      LabeledImages test = data.load(spec.commandLine().getErr()).test();
      int n = Math.min(images, test.size());
      java.nio.file.Files.createDirectories(output);
      for (int i = 0; i < n; i++) {
        javax.imageio.ImageIO.write(digits.bench.PredictBenchmark.scan(test, i), "png",
            output.resolve(String.format("%05d-%d.png", i, test.label(i))).toFile());
      }
      spec.commandLine().getOut().printf("Wrote %,d scans to %s%n", n, output);
      return 0;
    }
  }
}
