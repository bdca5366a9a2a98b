package digits.report;

import digits.eval.ConfusionMatrix;
import digits.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Figures drawn with JFreeChart and written as PNG. */
public final class Charts {
  public static final int CURVES_WIDTH = 900;
  public static final int CURVES_HEIGHT = 900;
  public static final int HEATMAP_SIZE = 720;

  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALIDATION = new Color(255, 127, 14);

  private Charts() {}

  /** Loss, accuracy (training vs validation) and learning rate per epoch, one panel each, shared epoch axis. */
  public static BufferedImage trainingCurves(List<EpochMetrics> history, String title) {
    NumberAxis epochAxis = new NumberAxis("epoch");
    epochAxis.setTickUnit(new NumberTickUnit(Math.max(1, history.size() / 10)));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
    plot.setGap(12);
    plot.add(panel("loss", history, EpochMetrics::trainLoss, EpochMetrics::validationLoss, false), 2);
    plot.add(panel("accuracy", history, EpochMetrics::trainAccuracy, EpochMetrics::validationAccuracy, false), 2);
    plot.add(panel("learning rate", history, EpochMetrics::learningRate, null, true), 1);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart.createBufferedImage(CURVES_WIDTH, CURVES_HEIGHT);
  }

  private static XYPlot panel(String name, List<EpochMetrics> history,
      java.util.function.ToDoubleFunction<EpochMetrics> train, java.util.function.ToDoubleFunction<EpochMetrics> val,
      boolean log) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries t = new XYSeries(val == null ? name : "training " + name);
    XYSeries v = new XYSeries("validation " + name);
    for (EpochMetrics m : history) {
      if (Double.isFinite(train.applyAsDouble(m)) && (!log || train.applyAsDouble(m) > 0)) {
        t.add(m.epoch(), train.applyAsDouble(m));
      }
      if (val != null && Double.isFinite(val.applyAsDouble(m))) {
        v.add(m.epoch(), val.applyAsDouble(m));
      }
    }
    data.addSeries(t);
    if (val != null && v.getItemCount() > 0) {
      data.addSeries(v);
    }
    org.jfree.chart.axis.ValueAxis axis;
    if (log) {
      axis = new LogAxis(name);
    } else {
      NumberAxis linear = new NumberAxis(name);
      linear.setAutoRangeIncludesZero(false);
      axis = linear;
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, TRAIN);
    renderer.setSeriesPaint(1, VALIDATION);
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesStroke(1, new BasicStroke(2f));
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  /**
   * The confusion matrix as a heatmap: true class down, predicted class across, each cell's count written in it
   * and shaded by its share of the true class's images (so the few mistakes stay visible next to the diagonal).
   */
  public static BufferedImage confusionHeatmap(ConfusionMatrix m, String title) {
    int k = m.classes();
    double[][] xyz = new double[3][k * k];
    for (int t = 0; t < k; t++) {
      long row = 0;
      for (int p = 0; p < k; p++) {
        row += m.count(t, p);
      }
      for (int p = 0; p < k; p++) {
        int i = t * k + p;
        xyz[0][i] = p;
        xyz[1][i] = t;
        xyz[2][i] = row == 0 ? 0 : (double) m.count(t, p) / row;
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("share", xyz);
    XYBlockRenderer renderer = new XYBlockRenderer();
    LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
    double[] steps = {0, 0.0005, 0.002, 0.005, 0.01, 0.02, 0.05, 0.2, 0.5, 0.9};
    for (int i = 0; i < steps.length; i++) {
      float f = (float) i / (steps.length - 1);
      scale.add(steps[i], new Color(1 - 0.85f * f, 1 - 0.6f * f, 1 - 0.2f * f));
    }
    renderer.setPaintScale(scale);
    NumberAxis predicted = new NumberAxis("predicted class");
    NumberAxis truth = new NumberAxis("true class");
    for (NumberAxis a : List.of(predicted, truth)) {
      a.setRange(-0.5, k - 0.5);
      a.setTickUnit(new NumberTickUnit(1));
    }
    truth.setInverted(true);
    XYPlot plot = new XYPlot(data, predicted, truth, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, k <= 10 ? 13 : 9);
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        XYTextAnnotation a = new XYTextAnnotation(String.valueOf(m.count(t, p)), p, t);
        a.setFont(font);
        a.setPaint(xyz[2][t * k + p] > 0.5 ? Color.WHITE : Color.BLACK);
        plot.addAnnotation(a);
      }
    }
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
    chart.addSubtitle(new TextTitle("cell colour: share of the true class; numbers: image counts"));
    chart.setBackgroundPaint(Color.WHITE);
    return chart.createBufferedImage(HEATMAP_SIZE, HEATMAP_SIZE);
  }

  /**
   * A reliability diagram: for each model, the accuracy of its answers in each confidence bin against the bin's
   * mean confidence; a calibrated model lies on the diagonal.
   *
   * @param curves per model, points {@code {mean confidence, accuracy}}
   */
  public static BufferedImage reliability(java.util.Map<String, List<double[]>> curves, String title) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries diagonal = new XYSeries("perfect calibration");
    diagonal.add(0, 0);
    diagonal.add(1, 1);
    data.addSeries(diagonal);
    for (var e : curves.entrySet()) {
      XYSeries s = new XYSeries(e.getKey());
      e.getValue().forEach(p -> s.add(p[0], p[1]));
      data.addSeries(s);
    }
    NumberAxis x = new NumberAxis("confidence (bin mean)");
    x.setRange(0, 1);
    NumberAxis y = new NumberAxis("accuracy in the bin");
    y.setRange(0, 1.02);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesShapesVisible(0, false);
    Color[] colours = {TRAIN, VALIDATION, new Color(44, 160, 44)};
    return withGuide(data, x, y, renderer, i -> colours[(i - 1) % colours.length], title, 640, 560);
  }

  /**
   * Accuracy-coverage curves: for each series (a category, say), the error rate among the answers read against the
   * share read, answers taken most confident first; a dashed line at 0.5% error.
   *
   * @param curves per series, points {@code {share read, error rate}}
   */
  public static BufferedImage readRate(java.util.Map<String, List<double[]>> curves, String title) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries limit = new XYSeries("0.5% error");
    limit.add(0, 0.5);
    limit.add(100, 0.5);
    data.addSeries(limit);
    for (var e : curves.entrySet()) {
      XYSeries s = new XYSeries(e.getKey(), false, true);
      e.getValue().forEach(p -> s.add(100 * p[0], 100 * p[1]));
      data.addSeries(s);
    }
    NumberAxis x = new NumberAxis("share of the answers read (%), most confident first");
    x.setRange(0, 100);
    NumberAxis y = new NumberAxis("error among the answers read (%)");
    y.setRange(0, 5);
    int n = data.getSeriesCount();
    return withGuide(data, x, y, new XYLineAndShapeRenderer(true, false),
        i -> Color.getHSBColor((i - 1f) / Math.max(1, n - 1), 0.8f, 0.75f), title, 820, 560);
  }

  /** A line chart whose first series is a dashed grey guide and the others solid, coloured by {@code colour}. */
  private static BufferedImage withGuide(XYSeriesCollection data, NumberAxis x, NumberAxis y,
      XYLineAndShapeRenderer renderer, java.util.function.IntFunction<Color> colour, String title, int width,
      int height) {
    renderer.setSeriesPaint(0, Color.GRAY);
    renderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
        new float[] {4f, 4f}, 0f));
    for (int i = 1; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, colour.apply(i));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart.createBufferedImage(width, height);
  }

  public static void writePng(BufferedImage image, Path file) throws IOException {
    ImageGrid.writePng(image, file);
  }
}
