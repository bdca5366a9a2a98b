package digits.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import digits.eval.ClassificationReport;
import digits.eval.ConfusionMatrix;
import digits.eval.ModelEvaluation;
import digits.predict.Prediction;
import java.nio.file.Path;
import java.util.List;

/** The JSON documents the command line prints, one object per line. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String evaluation(ModelEvaluation e, List<ModelEvaluation> members, Path dir) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("model", e.name()).put("images", e.data().size()).put("accuracy", e.accuracy()).put("loss", e.loss());
    ClassificationReport r = e.report();
    ArrayNode classes = o.putArray("per_class");
    r.classes().forEach(s -> scores(classes.addObject().put("class", s.label()), s));
    scores(o.putObject("macro_avg"), r.macro());
    scores(o.putObject("weighted_avg"), r.weighted());
    ArrayNode confused = o.putArray("most_confused");
    for (ConfusionMatrix.Confusion c : e.confusion().mostConfused(10)) {
      confused.addObject().put("true", c.truth()).put("predicted", c.predicted()).put("count", c.count());
    }
    ArrayNode matrix = o.putArray("confusion_matrix");
    for (long[] row : e.confusion().counts()) {
      ArrayNode cells = matrix.addArray();
      for (long c : row) {
        cells.add(c);
      }
    }
    ArrayNode m = o.putArray("members");
    members.forEach(x -> m.addObject().put("model", x.name()).put("accuracy", x.accuracy()).put("loss", x.loss()));
    o.put("output", dir.toString());
    return o.toString();
  }

  static String answer(String file, String text, float confidence, boolean uncertain, List<Prediction> digits) {
    ObjectNode o = MAPPER.createObjectNode().put("file", file).put("answer", text).put("confidence", confidence)
        .put("uncertain", uncertain);
    ArrayNode d = o.putArray("digits");
    for (Prediction p : digits) {
      ArrayNode top = d.addObject().put("digit", p.digit()).put("confidence", p.confidence()).putArray("top3");
      for (int c : p.top(3)) {
        top.add(c);
      }
    }
    return o.toString();
  }

  private static void scores(ObjectNode o, ClassificationReport.ClassScores s) {
    o.put("precision", s.precision()).put("recall", s.recall()).put("f1", s.f1()).put("support", s.support());
  }
}
