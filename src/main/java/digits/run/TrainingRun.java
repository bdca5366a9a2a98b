package digits.run;

import digits.data.BatchPipeline;
import digits.data.Datasets;
import digits.data.FontDigits;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.data.Pixels;
import digits.data.Split;
import digits.data.UspsDigits;
import digits.eval.ModelEvaluation;
import digits.export.SavedModelExport;
import digits.inference.SavedModelClassifier;
import digits.model.Network;
import digits.report.EvaluationReport;
import digits.samples.SearchPieces;
import digits.train.Checkpoint;
import digits.train.Evaluation;
import digits.train.MetricsCsv;
import digits.train.Trainer;
import digits.train.TrainingConfig;
import digits.train.TrainingGraph;
import digits.train.TrainingListener;
import digits.train.TrainingResult;
import digits.train.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training run from data to outputs: split, pipelines, network, training, test evaluation, and the run
 * folder ({@code config.properties}, {@code metrics.csv}, {@code summary.json}, {@code saved_model/}, report).
 */
public final class TrainingRun {
  private TrainingRun() {}

  /** Trains as {@code request} says and writes every output into its run folder. */
  public static Outcome run(TrainingRequest request) throws IOException {
    TrainingConfig config = request.config();
    Datasets.Loaded data = request.data();
    LabeledImages all = data.train();
    Split split = Split.stratified(all, config.data().validationSplit(), config.seed());
    LabeledImages trainSet = all.subset(split.train());
    Normalization standardization = config.data().standardize() ? Normalization.of(trainSet) : Normalization.UNIT;
    Network network = config.network(all.height(), all.width(), all.classes(), standardization);
    int[] trainIndices = split.train();
    if (config.data().fontDigits() > 0) {
      // drawn digits join the training split only: validation and test stay the dataset's own
      int first = all.size();
      all = all.concat(FontDigits.draw(config.data().fontDigits(), config.seed()));
      trainIndices = java.util.stream.IntStream.concat(java.util.Arrays.stream(trainIndices),
          java.util.stream.IntStream.range(first, all.size())).toArray();
    }
    if (!config.data().usps().isEmpty()) {
      // real writers from envelopes: the file's training part only, never the development set's digits
      LabeledImages usps = UspsDigits.read(Path.of(config.data().usps()), UspsDigits.Part.TRAIN);
      int first = all.size();
      for (int copy = 0; copy < config.data().uspsCopies(); copy++) {
        all = all.concat(usps);
      }
      trainIndices = java.util.stream.IntStream.concat(java.util.Arrays.stream(trainIndices),
          java.util.stream.IntStream.range(first, all.size())).toArray();
    }
    LineDigits lineDigits = config.lineSteps() > 0 ? new LineDigits(all, trainIndices, split.validation()) : null;
    if (config.data().searchPieces() > 0) {
      // cut from lines of the training split's own digits: validation and test stay the dataset's own
      LabeledImages pieces = searchPieces(all.subset(trainIndices), config.data().searchPieces(), network.classes(),
          config.seed());
      int first = all.size();
      all = new LabeledImages(all.pixels(), all.labels(), all.height(), all.width(), pieces.classes()).concat(pieces);
      trainIndices = java.util.stream.IntStream.concat(java.util.Arrays.stream(trainIndices),
          java.util.stream.IntStream.range(first, all.size())).toArray();
    }
    BatchPipeline train = new BatchPipeline(all, trainIndices, new BatchPipeline.Options(config.loop().batchSize(),
        false, true, Normalization.UNIT, config.augmentation(), config.loop().prefetch(), config.seed()),
        network.classes());
    BatchPipeline validation = split.validation().length == 0 ? null
        : new BatchPipeline(all, split.validation(), BatchPipeline.Options.inOrder(500));
    RunFolder folder = new RunFolder(request.dir());
    try (RunFolder.Lock lock = folder.lock()) {
      return run(request, network, train, validation, lineDigits, folder);
    }
  }

  /**
   * {@code count} pieces of lines of {@code digits} as the reader's search sees them ({@link SearchPieces}),
   * {@link SearchPieces#NON_DIGIT_SHARE} of them not one digit (labelled {@code classes}, the network's extra output).
   */
  static LabeledImages searchPieces(LabeledImages digits, int count, int classes, long seed) {
    float[] images = new float[digits.pixels().length];
    for (int i = 0; i < images.length; i++) {
      // a division, not Pixels.unit's multiplication: one bit apart at most, but the pieces (and the reader
      // trained on them, runs/reader-sp) stay as they were measured
      images[i] = (digits.pixels()[i] & 0xFF) / 255f;
    }
    int[] labels = new int[digits.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = digits.label(i);
    }
    SearchPieces.Pieces p = SearchPieces.draw(images, labels, count, SearchPieces.NON_DIGIT_SHARE, seed + 2);
    byte[] pixels = new byte[p.images().length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = Pixels.level(p.images()[i]);
    }
    byte[] y = new byte[count];
    for (int i = 0; i < count; i++) {
      y[i] = (byte) (p.labels()[i] == SearchPieces.NOT_ONE_DIGIT ? classes : p.labels()[i]);
    }
    return new LabeledImages(pixels, y, digits.height(), digits.width(), classes + 1);
  }

  /** The digits a line model is trained on ({@code train}: indices into {@code images}) and checked on. */
  private record LineDigits(LabeledImages images, int[] train, int[] validation) {}

  private static Outcome run(TrainingRequest request, Network network, BatchPipeline train,
      BatchPipeline validation, LineDigits lineDigits, RunFolder folder) throws IOException {
    TrainingConfig config = request.config();
    Datasets.Loaded data = request.data();
    Path dir = request.dir();
    PrintWriter log = request.log();
    Checkpoint checkpoint = new Checkpoint(dir);
    boolean resume = request.start() == TrainingRequest.Start.RESUME;
    if (resume) {
      folder.removeLeftovers();
      java.nio.file.Files.deleteIfExists(folder.summary()); // an interrupted run's summary: replaced at the end
    } else {
      folder.writeConfig(request.settings(), data);
    }
    try (TrainingGraph graph = TrainingGraph.of(network, network.initialWeights(config.seed()), config)) {
      TrainingState start = TrainingState.FRESH;
      if (resume && checkpoint.exists()) {
        start = checkpoint.restore(graph, log::println);
        log.printf("Resuming %s after epoch %d (step %d)%n", dir, start.epochsDone(), start.step());
      } else if (resume) {
        log.printf("%s has no complete checkpoint (it stopped during its first epoch): starting it again%n", dir);
      }
      // metrics.csv says what the checkpoint holds, never more: rewritten from it before training goes on.
      MetricsCsv.write(folder.metrics(), start.history());
      List<TrainingListener> listeners = new ArrayList<>(request.listeners());
      request.graphListeners().forEach(make -> listeners.add(make.apply(graph)));
      listeners.add(new MetricsCsv(folder.metrics(), start.history()));
      TrainingResult result = new Trainer(config, listeners, request.stop()).fit(graph, train, validation, start,
          checkpoint);
      Evaluation val = validation == null ? null : graph.evaluate(validation);
      SavedModelExport.export(network, result.weights(), folder.savedModel());
      log.printf("Evaluating the exported model on %d test images%n", data.test().size());
      ModelEvaluation test;
      try (SavedModelClassifier exported = SavedModelClassifier.load(folder.savedModel())) {
        test = ModelEvaluation.of(digits.predict.ModelFolder.SAVED_MODEL, List.of(exported), data.test());
      }
      LineTraining.Result lines = lineDigits == null ? null : LineTraining.train(config, lineDigits.images(),
          lineDigits.train(), lineDigits.validation(), folder.lineModel(), request.stop(), log);
      Outcome outcome = new Outcome(result, val, new Evaluation(test.loss(), test.accuracy(), data.test().size()),
          network, config.loop().precision().resolve(), dir);
      folder.writeSummary(outcome);
      Map<String, String> summary = new LinkedHashMap<>();
      summary.put("run", dir.toString());
      if (val != null) {
        summary.put("validation accuracy", String.format(Locale.ROOT, "%.2f%%", 100 * val.accuracy()));
      }
      summary.put("epochs run", String.valueOf(result.history().size()));
      summary.put("weights kept from epoch", String.valueOf(result.bestEpoch()));
      summary.put("stopped", result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      summary.put("training seconds", String.format(Locale.ROOT, "%.1f", result.trainingSeconds()));
      summary.put("precision", config.loop().precision().describe());
      summary.put("parameters", String.format(Locale.ROOT, "%,d", network.parameterCount()));
      summary.put("architecture", config.architecture().text());
      if (lines != null && lines.lines() > 0) {
        summary.put("line model", String.format(Locale.ROOT, "%.2f%% of %,d validation lines read exactly",
            100 * lines.exact(), lines.lines()));
      }
      EvaluationReport.write(dir, dir.getFileName() + " (" + data.name() + " test)", summary, test, List.of(),
          result.history());
      return outcome;
    }
  }
}
