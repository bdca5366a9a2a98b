package digits.predict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Datasets;
import digits.eval.ModelEvaluation;
import digits.inference.SavedModelClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model the reading tests share must be a real one: a broken training or export would pass them by luck. */
class ShortMnistModelTest {
  @Test
  void theSharedShortModelScoresAtLeast97PercentOnMnistTest() throws Exception {
    var test = Datasets.load("mnist", Path.of("data"), new PrintWriter(new StringWriter())).test();
    try (SavedModelClassifier model = SavedModelClassifier.load(ShortMnistModel.savedModel())) {
      double accuracy = ModelEvaluation.of("short", List.of(model), test).accuracy();
      assertTrue(accuracy >= 0.97, "two epochs on MNIST should reach 97% on its test set, reached " + accuracy);
    }
  }
}
