package digits.predict.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CtcTest {
  private static final int CLASSES = 11;
  private static final int BLANK = 10;

  /** Frames in which frame t is sure of class {@code path[t]}. */
  private static float[] sure(int... path) {
    float[] lp = new float[path.length * CLASSES];
    java.util.Arrays.fill(lp, (float) Math.log(0.01));
    for (int t = 0; t < path.length; t++) {
      lp[t * CLASSES + path[t]] = (float) Math.log(0.9);
    }
    return lp;
  }

  @Test
  void greedyMergesRepeatsAndDropsBlanks() {
    assertEquals("771", Ctc.greedy(sure(7, BLANK, 7, 7, BLANK, BLANK, 1), 0, 7, CLASSES));
    assertEquals("71", Ctc.greedy(sure(7, 7, 7, BLANK, 1), 0, 5, CLASSES));
    assertEquals("771", Ctc.greedy(sure(7, 7, BLANK, 7, BLANK, 1, 1), 0, 7, CLASSES));
    assertEquals("", Ctc.greedy(sure(BLANK, BLANK), 0, 2, CLASSES));
    // offset: the second of two lines
    float[] two = new float[4 * CLASSES];
    System.arraycopy(sure(1, 1), 0, two, 0, 2 * CLASSES);
    System.arraycopy(sure(3, BLANK), 0, two, 2 * CLASSES, 2 * CLASSES);
    assertEquals("3", Ctc.greedy(two, 2 * CLASSES, 2, CLASSES));
  }

  @Test
  void likelihoodIsTheSumOverEveryFramePathThatReadsTheText() {
    // three classes (digits 0 and 1, blank 2) over four frames of random probabilities, every path enumerated
    int classes = 3;
    int frames = 4;
    SplittableRandom random = new SplittableRandom(5);
    float[] lp = new float[frames * classes];
    for (int t = 0; t < frames; t++) {
      double[] p = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
      double sum = p[0] + p[1] + p[2];
      for (int k = 0; k < classes; k++) {
        lp[t * classes + k] = (float) Math.log(p[k] / sum);
      }
    }
    Map<String, Double> byText = new HashMap<>();
    for (int path = 0; path < 81; path++) {
      StringBuilder text = new StringBuilder();
      double logP = 0;
      int previous = 2;
      for (int t = 0, rest = path; t < frames; t++, rest /= 3) {
        int k = rest % 3;
        logP += lp[t * classes + k];
        if (k != previous && k != 2) {
          text.append(k);
        }
        previous = k;
      }
      byText.merge(text.toString(), Math.exp(logP), Double::sum);
    }
    double total = 0;
    for (var e : byText.entrySet()) {
      assertEquals(e.getValue(), Math.exp(Ctc.logLikelihood(lp, 0, frames, classes, e.getKey())), 1e-6, e.getKey());
      total += e.getValue();
    }
    assertEquals(1, total, 1e-5);
    assertEquals(Double.NEGATIVE_INFINITY, Ctc.logLikelihood(lp, 0, frames, classes, "01010"),
        "five digits cannot fit in four frames");
    assertEquals(Double.NEGATIVE_INFINITY, Ctc.logLikelihood(lp, 0, frames, classes, "0000"),
        "repeated digits need a blank between them");
  }
}
