package digits.report;

import digits.eval.ClassificationReport;
import digits.eval.ConfusionMatrix;
import digits.eval.ModelEvaluation;
import digits.io.AtomicFiles;
import digits.train.EpochMetrics;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Everything that explains a model's results, written into one folder: {@code confusion_matrix.csv},
 * {@code per_class.csv}, {@code confusion_matrix.png}, {@code predictions.png} (sample test digits with
 * prediction and confidence), {@code mistakes.png} (the most confident misclassifications),
 * {@code training_curves.png} when there is a training history, and {@code report.html} showing it all offline.
 */
public final class EvaluationReport {
  public static final String CONFUSION_CSV = "confusion_matrix.csv";
  public static final String PER_CLASS_CSV = "per_class.csv";
  public static final String CONFUSION_PNG = "confusion_matrix.png";
  public static final String PREDICTIONS_PNG = "predictions.png";
  public static final String MISTAKES_PNG = "mistakes.png";
  public static final String CURVES_PNG = "training_curves.png";
  public static final String HTML = "report.html";
  /** Cells in the prediction and mistake grids, and per row. */
  public static final int GRID_CELLS = 40;
  public static final int GRID_COLUMNS = 10;
  public static final int GRID_ZOOM = 3;

  private EvaluationReport() {}

  /**
   * Writes the files into {@code dir} and returns their names.
   *
   * @param summary key/value rows for the summary table, in order
   * @param members the ensemble's members, each scored alone (empty for a single model)
   * @param history per-epoch metrics of the training run, or an empty list
   */
  public static List<String> write(Path dir, String title, Map<String, String> summary, ModelEvaluation eval,
      List<ModelEvaluation> members, List<EpochMetrics> history) throws IOException {
    List<String> written = new ArrayList<>();
    writeConfusionCsv(dir.resolve(CONFUSION_CSV), eval.confusion());
    written.add(CONFUSION_CSV);
    writePerClassCsv(dir.resolve(PER_CLASS_CSV), eval.report());
    written.add(PER_CLASS_CSV);
    Charts.writePng(Charts.confusionHeatmap(eval.confusion(), "Confusion matrix: " + title), dir.resolve(CONFUSION_PNG));
    written.add(CONFUSION_PNG);
    ImageGrid.writePng(predictionGrid(eval), dir.resolve(PREDICTIONS_PNG));
    written.add(PREDICTIONS_PNG);
    ImageGrid.writePng(mistakeGrid(eval), dir.resolve(MISTAKES_PNG));
    written.add(MISTAKES_PNG);
    if (!history.isEmpty()) {
      Charts.writePng(Charts.trainingCurves(history, "Training: " + title), dir.resolve(CURVES_PNG));
      written.add(CURVES_PNG);
    }
    writeHtml(dir.resolve(HTML), title, summary, eval, members, !history.isEmpty());
    written.add(HTML);
    return written;
  }

  public static void writeConfusionCsv(Path file, ConfusionMatrix m) throws IOException {
    List<String> header = new ArrayList<>(List.of("true\\predicted"));
    for (int c = 0; c < m.classes(); c++) {
      header.add(String.valueOf(c));
    }
    csv(file, header, printer -> {
      for (int t = 0; t < m.classes(); t++) {
        List<Object> row = new ArrayList<>(List.of(t));
        for (int p = 0; p < m.classes(); p++) {
          row.add(m.count(t, p));
        }
        printer.printRecord(row);
      }
    });
  }

  public static void writePerClassCsv(Path file, ClassificationReport r) throws IOException {
    csv(file, List.of("class", "precision", "recall", "f1", "support"), printer -> {
      for (ClassificationReport.ClassScores s : r.classes()) {
        printer.printRecord(s.label(), f(s.precision()), f(s.recall()), f(s.f1()), s.support());
      }
      printer.printRecord("macro avg", f(r.macro().precision()), f(r.macro().recall()), f(r.macro().f1()),
          r.macro().support());
      printer.printRecord("weighted avg", f(r.weighted().precision()), f(r.weighted().recall()),
          f(r.weighted().f1()), r.weighted().support());
    });
  }

  private interface Rows {
    void print(CSVPrinter printer) throws IOException;
  }

  private static void csv(Path file, List<String> header, Rows rows) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(new String[0]))
          .get());
      rows.print(printer);
      printer.flush();
    });
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static byte[] pixels(ModelEvaluation e, int i) {
    int n = e.data().imageSize();
    return Arrays.copyOfRange(e.data().pixels(), i * n, (i + 1) * n);
  }

  /** The first test images with "predicted (confidence)"; mistakes framed in red. */
  static java.awt.image.BufferedImage predictionGrid(ModelEvaluation e) {
    List<ImageGrid.Cell> cells = new ArrayList<>();
    for (int i = 0; i < Math.min(GRID_CELLS, e.data().size()); i++) {
      boolean wrong = e.predicted()[i] != e.data().label(i);
      cells.add(new ImageGrid.Cell(pixels(e, i), String.format(Locale.ROOT, "%d %.0f%%%s", e.predicted()[i],
          100 * e.confidence(i), wrong ? " (" + e.data().label(i) + ")" : ""), wrong));
    }
    return ImageGrid.draw(cells, e.data().height(), e.data().width(), GRID_COLUMNS, GRID_ZOOM);
  }

  /** The most confident mistakes: "true→predicted probability". */
  static java.awt.image.BufferedImage mistakeGrid(ModelEvaluation e) {
    List<ImageGrid.Cell> cells = new ArrayList<>();
    for (int i : e.worstMistakes(GRID_CELLS)) {
      cells.add(new ImageGrid.Cell(pixels(e, i), String.format(Locale.ROOT, "%d\u2192%d %.2f", e.data().label(i),
          e.predicted()[i], e.confidence(i)), true));
    }
    return ImageGrid.draw(cells, e.data().height(), e.data().width(), GRID_COLUMNS, GRID_ZOOM);
  }

  private static void writeHtml(Path file, String title, Map<String, String> summary, ModelEvaluation eval,
      List<ModelEvaluation> members, boolean curves) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 10px;"
            + "text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
            + "img{max-width:100%;border:1px solid #eee}</style></head><body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n<h2>Summary</h2>\n<table>\n");
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("accuracy", pct(eval.accuracy()));
    rows.put("loss", String.format(Locale.ROOT, "%.4f", eval.loss()));
    rows.put("images", String.valueOf(eval.data().size()));
    rows.putAll(summary);
    rows.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
        .append("</td></tr>\n"));
    h.append("</table>\n");
    if (!members.isEmpty()) {
      h.append("<h2>Ensemble members</h2>\n<table><tr><th>model</th><th>accuracy</th><th>loss</th></tr>\n");
      for (ModelEvaluation m : members) {
        h.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(pct(m.accuracy())).append("</td><td>")
            .append(String.format(Locale.ROOT, "%.4f", m.loss())).append("</td></tr>\n");
      }
      h.append("<tr><th>ensemble (mean of probabilities)</th><td>").append(pct(eval.accuracy())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.4f", eval.loss())).append("</td></tr>\n</table>\n");
    }
    if (curves) {
      h.append("<h2>Training curves</h2>\n<img src=\"").append(inline(file, CURVES_PNG))
          .append("\" alt=\"training curves\">\n");
    }
    ClassificationReport r = eval.report();
    h.append("<h2>Per class</h2>\n<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th>"
        + "<th>support</th></tr>\n");
    for (ClassificationReport.ClassScores s : r.classes()) {
      h.append(scoreRow(String.valueOf(s.label()), s));
    }
    h.append(scoreRow("macro avg", r.macro())).append(scoreRow("weighted avg", r.weighted())).append("</table>\n");
    h.append("<h2>Most confused pairs</h2>\n<table><tr><th>true</th><th>predicted</th><th>images</th></tr>\n");
    for (ConfusionMatrix.Confusion c : eval.confusion().mostConfused(10)) {
      h.append("<tr><td>").append(c.truth()).append("</td><td>").append(c.predicted()).append("</td><td>")
          .append(c.count()).append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Confusion matrix</h2>\n<img src=\"").append(inline(file, CONFUSION_PNG))
        .append("\" alt=\"confusion matrix\">\n<p><a href=\"").append(CONFUSION_CSV).append("\">")
        .append(CONFUSION_CSV).append("</a> &middot; <a href=\"").append(PER_CLASS_CSV).append("\">")
        .append(PER_CLASS_CSV).append("</a></p>\n");
    h.append("<h2>Predictions</h2>\n<p>The first test images: predicted class and confidence; red frames are "
        + "mistakes, with the true class in brackets.</p>\n<img src=\"").append(inline(file, PREDICTIONS_PNG))
        .append("\" alt=\"predictions\">\n");
    h.append("<h2>Most confident mistakes</h2>\n<p>true&rarr;predicted, probability of the prediction.</p>\n"
        + "<img src=\"").append(inline(file, MISTAKES_PNG)).append("\" alt=\"mistakes\">\n</body></html>\n");
    AtomicFiles.write(file, out -> {
      out.write(h.toString().getBytes(StandardCharsets.UTF_8));
    });
  }

  /** The PNG beside {@code html} as a data URI: the report is one file that can be mailed or attached alone. */
  private static String inline(Path html, String png) throws IOException {
    return "data:image/png;base64,"
        + java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(html.resolveSibling(png)));
  }

  private static String scoreRow(String label, ClassificationReport.ClassScores s) {
    return String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>%n",
        esc(label), s.precision(), s.recall(), s.f1(), s.support());
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
