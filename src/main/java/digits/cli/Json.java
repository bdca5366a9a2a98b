package digits.cli;

import digits.eval.ClassificationReport;
import digits.eval.ConfusionMatrix;
import digits.eval.ModelEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The few JSON documents the command line prints: built by hand, strings escaped. */
final class Json {
  private Json() {}

  static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
  }

  static String evaluation(ModelEvaluation e, List<ModelEvaluation> members, Path dir) {
    StringJoiner m = new StringJoiner(",", "[", "]");
    for (ModelEvaluation x : members) {
      m.add("{\"model\":" + string(x.name()) + ",\"accuracy\":" + number(x.accuracy()) + ",\"loss\":"
          + number(x.loss()) + "}");
    }
    ClassificationReport r = e.report();
    StringJoiner classes = new StringJoiner(",", "[", "]");
    for (ClassificationReport.ClassScores s : r.classes()) {
      classes.add(scores(s));
    }
    StringJoiner confusion = new StringJoiner(",", "[", "]");
    for (long[] row : e.confusion().counts()) {
      StringJoiner cells = new StringJoiner(",", "[", "]");
      for (long c : row) {
        cells.add(String.valueOf(c));
      }
      confusion.add(cells.toString());
    }
    StringJoiner confused = new StringJoiner(",", "[", "]");
    for (ConfusionMatrix.Confusion c : e.confusion().mostConfused(10)) {
      confused.add("{\"true\":" + c.truth() + ",\"predicted\":" + c.predicted() + ",\"count\":" + c.count() + "}");
    }
    return "{\"model\":" + string(e.name()) + ",\"images\":" + e.data().size() + ",\"accuracy\":"
        + number(e.accuracy()) + ",\"loss\":" + number(e.loss()) + ",\"per_class\":" + classes + ",\"macro_avg\":"
        + scores(r.macro()) + ",\"weighted_avg\":" + scores(r.weighted()) + ",\"most_confused\":" + confused
        + ",\"confusion_matrix\":" + confusion + ",\"members\":" + m + ",\"output\":" + string(dir.toString())
        + "}";
  }

  private static String scores(ClassificationReport.ClassScores s) {
    return "{" + (s.label() >= 0 ? "\"class\":" + s.label() + "," : "") + "\"precision\":" + number(s.precision())
        + ",\"recall\":" + number(s.recall()) + ",\"f1\":" + number(s.f1()) + ",\"support\":" + s.support() + "}";
  }
}
