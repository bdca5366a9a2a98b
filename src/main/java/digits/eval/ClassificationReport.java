package digits.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support from a confusion matrix, with macro and support-weighted averages
 * (the numbers scikit-learn's {@code classification_report} prints). A class never predicted has precision 0.
 */
public record ClassificationReport(List<ClassScores> classes, ClassScores macro, ClassScores weighted,
    double accuracy) {

  /** Scores of one class (or an average; then {@code label} is -1 and support the total). */
  public record ClassScores(int label, double precision, double recall, double f1, long support) {}

  public static ClassificationReport of(ConfusionMatrix m) {
    int k = m.classes();
    List<ClassScores> rows = new ArrayList<>();
    double[] macro = new double[3];
    double[] weighted = new double[3];
    long total = m.total();
    for (int c = 0; c < k; c++) {
      long tp = m.count(c, c);
      long predicted = 0;
      long actual = 0;
      for (int o = 0; o < k; o++) {
        predicted += m.count(o, c);
        actual += m.count(c, o);
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      rows.add(new ClassScores(c, precision, recall, f1, actual));
      double[] s = {precision, recall, f1};
      for (int i = 0; i < 3; i++) {
        macro[i] += s[i] / k;
        weighted[i] += total == 0 ? 0 : s[i] * actual / total;
      }
    }
    return new ClassificationReport(List.copyOf(rows), new ClassScores(-1, macro[0], macro[1], macro[2], total),
        new ClassScores(-1, weighted[0], weighted[1], weighted[2], total),
        total == 0 ? 0 : (double) m.correct() / total);
  }
}
