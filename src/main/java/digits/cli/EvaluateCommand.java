package digits.cli;

import digits.data.Datasets;
import digits.data.LabeledImages;
import digits.eval.ClassificationReport;
import digits.eval.ConfusionMatrix;
import digits.eval.ModelEvaluation;
import digits.inference.SavedModelClassifier;
import digits.report.EvaluationReport;
import digits.run.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digits evaluate}: scores SavedModels (alone or as an ensemble) on a labelled split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Score one SavedModel, or several as an ensemble (mean of probabilities), on a dataset split; "
        + "print accuracy, loss, per-class precision/recall/F1 and the most confused pairs; write CSVs, PNGs and "
        + "report.html.")
final class EvaluateCommand implements Callable<Integer> {
  enum SplitName { TEST, TRAIN, VALIDATION }

  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = {"-m", "--model"}, converter = ModelDir.class, paramLabel = "DIR",
      description = "A SavedModel folder or the run folder holding it (runs/<name>); repeat for an ensemble "
          + "(default: the best model under runs/, as predict chooses).")
  List<Path> models = new ArrayList<>();

  @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", hidden = true)
  Path runsDir;

  @Option(names = "--split", defaultValue = "test",
      description = "test, train (the whole training file) or validation (the held-out part of a training run, "
          + "rebuilt from --seed and --validation-split) (default: ${DEFAULT-VALUE}).")
  SplitName split;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the run's split, for --split validation.")
  long seed;

  @Option(names = "--validation-split", defaultValue = "0.1",
      description = "Validation fraction of the run, for --split validation (default: ${DEFAULT-VALUE}).")
  double validationSplit;

  @Option(names = "--tta", description = "Test-time augmentation: average the probabilities of the image and its "
      + "four 1-pixel shifts.")
  boolean tta;

  @Option(names = "--output", paramLabel = "DIR", description = "Where to write (default: runs/evaluate-<time>).")
  Path output;

  @Option(names = "--json", description = "Print the numbers as JSON on stdout instead of tables.")
  boolean json;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    if (models.isEmpty()) {
      models.add(ModelChoice.orChoose(null, runsDir, log));
    }
    List<SavedModelClassifier> loaded = new ArrayList<>();
    try {
      for (Path m : models) {
        loaded.add(SavedModelClassifier.load(m));
      }
      Datasets.Loaded dataset = data.load(log);
      LabeledImages images = switch (split) {
        case TEST -> dataset.test();
        case TRAIN -> dataset.train();
        case VALIDATION -> dataset.train().subset(
            digits.data.Split.stratified(dataset.train(), validationSplit, seed).validation());
      };
      for (SavedModelClassifier m : loaded) {
        if (m.height() != images.height() || m.width() != images.width() || m.classes() != images.classes()) {
          throw new UsageException(m.dir() + ": the model takes " + m.height() + "x" + m.width() + " images and "
              + m.classes() + " classes, but " + dataset.name() + " has " + images.height() + "x" + images.width()
              + " images and " + images.classes() + " classes");
        }
      }
      List<ModelEvaluation> members = new ArrayList<>();
      if (loaded.size() > 1) {
        for (SavedModelClassifier m : loaded) {
          members.add(ModelEvaluation.of(m.dir().toString(), List.of(m), images, tta));
        }
      }
      String name = loaded.size() == 1 ? loaded.get(0).dir().toString() : "ensemble of " + loaded.size();
      ModelEvaluation eval = ModelEvaluation.of(name + (tta ? " with TTA" : ""), loaded, images, tta);
      Path dir = output != null ? output : Path.of("runs", "evaluate-"
          + RunFolder.timestamp());
      Map<String, String> summary = new LinkedHashMap<>();
      summary.put("model", name);
      summary.put("data", dataset.name() + " " + split.name().toLowerCase(Locale.ROOT) + " split");
      EvaluationReport.write(dir, name + " on " + dataset.name() + " " + split.name().toLowerCase(Locale.ROOT),
          summary, eval, members, List.of());
      if (json) {
        out.println(Json.evaluation(eval, members, dir));
      } else {
        print(out, eval, members);
        out.printf("Report: %s%n", dir.resolve(EvaluationReport.HTML));
      }
      return 0;
    } finally {
      loaded.forEach(SavedModelClassifier::close);
    }
  }

  static void print(PrintWriter out, ModelEvaluation eval, List<ModelEvaluation> members) {
    for (ModelEvaluation m : members) {
      out.printf("member %s: accuracy %.2f%%, loss %.4f%n", m.name(), 100 * m.accuracy(), m.loss());
    }
    out.printf("%s: accuracy %.2f%% (%d of %d), loss %.4f%n", eval.name(), 100 * eval.accuracy(),
        eval.confusion().correct(), eval.confusion().total(), eval.loss());
    ClassificationReport r = eval.report();
    out.printf("%-13s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
    for (ClassificationReport.ClassScores s : r.classes()) {
      out.printf("%-13d %9.4f %9.4f %9.4f %9d%n", s.label(), s.precision(), s.recall(), s.f1(), s.support());
    }
    out.printf("%-13s %9.4f %9.4f %9.4f %9d%n", "macro avg", r.macro().precision(), r.macro().recall(),
        r.macro().f1(), r.macro().support());
    out.printf("%-13s %9.4f %9.4f %9.4f %9d%n", "weighted avg", r.weighted().precision(), r.weighted().recall(),
        r.weighted().f1(), r.weighted().support());
    out.print("Most confused (true -> predicted: images):");
    for (ConfusionMatrix.Confusion c : eval.confusion().mostConfused(5)) {
      out.printf(" %d->%d: %d;", c.truth(), c.predicted(), c.count());
    }
    out.println();
  }
}
