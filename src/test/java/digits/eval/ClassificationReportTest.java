package digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  /**
   * Rows = truth. Class 0: 5 images, 4 right, 1 called 1. Class 1: 3 images, 2 right, 1 called 2.
   * Class 2: 2 images, both called 0. Predicted columns: 0 -> 6 (4 right), 1 -> 3 (2 right), 2 -> 1 (0 right).
   */
  private static final long[][] COUNTS = {{4, 1, 0}, {0, 2, 1}, {2, 0, 0}};

  @Test
  void perClassNumbersEqualHandComputedValues() {
    ClassificationReport r = ClassificationReport.of(ConfusionMatrix.of(COUNTS));
    var c0 = r.classes().get(0);
    assertEquals(4.0 / 6, c0.precision(), 1e-12);
    assertEquals(4.0 / 5, c0.recall(), 1e-12);
    assertEquals(2 * (4.0 / 6) * (4.0 / 5) / (4.0 / 6 + 4.0 / 5), c0.f1(), 1e-12);
    assertEquals(5, c0.support());
    var c1 = r.classes().get(1);
    assertEquals(2.0 / 3, c1.precision(), 1e-12);
    assertEquals(2.0 / 3, c1.recall(), 1e-12);
    assertEquals(2.0 / 3, c1.f1(), 1e-12);
    var c2 = r.classes().get(2);
    assertEquals(0, c2.precision());
    assertEquals(0, c2.recall());
    assertEquals(0, c2.f1());
    assertEquals(6.0 / 10, r.accuracy(), 1e-12);
    double f0 = 2 * (4.0 / 6) * (4.0 / 5) / (4.0 / 6 + 4.0 / 5);
    assertEquals((4.0 / 6 + 2.0 / 3 + 0) / 3, r.macro().precision(), 1e-12);
    assertEquals((4.0 / 5 + 2.0 / 3 + 0) / 3, r.macro().recall(), 1e-12);
    assertEquals((f0 + 2.0 / 3) / 3, r.macro().f1(), 1e-12);
    assertEquals((5 * 4.0 / 6 + 3 * 2.0 / 3) / 10, r.weighted().precision(), 1e-12);
    assertEquals((5 * 4.0 / 5 + 3 * 2.0 / 3) / 10, r.weighted().recall(), 1e-12); // = accuracy
    assertEquals(10, r.weighted().support());
  }

  @Test
  void mostConfusedPairsLargestFirst() {
    ConfusionMatrix m = ConfusionMatrix.of(COUNTS);
    assertEquals(List.of(new ConfusionMatrix.Confusion(2, 0, 2), new ConfusionMatrix.Confusion(0, 1, 1),
        new ConfusionMatrix.Confusion(1, 2, 1)), m.mostConfused(5));
    assertEquals(1, m.mostConfused(1).size());
  }
}
