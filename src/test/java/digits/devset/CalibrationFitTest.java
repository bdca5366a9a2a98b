package digits.devset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.Calibration;
import digits.predict.Evidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationFitTest {
  /** An answer whose evidence is {@code margin} (weakest margin) and {@code doubt} (line model's), the rest 0. */
  static ReadBenchmark.Answer answer(String category, String text, boolean right, double margin, double doubt) {
    String wrong = text.substring(0, text.length() - 1) + (text.endsWith("1") ? "2" : "1");
    return new ReadBenchmark.Answer(new ReadBenchmark.Labelled(Path.of("x.png"), text, category, "tuning"),
        right ? text : wrong, 0, evidence(margin, doubt));
  }

  private static Evidence evidence(double margin, double doubt) {
    return new Evidence(0.5, margin, 0, 0, 0, doubt);
  }

  private static List<ReadBenchmark.Answer> many(String category, String text, boolean right, double margin,
      double doubt, int n) {
    List<ReadBenchmark.Answer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(answer(category, text, right, margin, doubt));
    }
    return out;
  }

  @Test
  void eachKindOfReadingIsCertainFromTheLowestScoreThatKeepsThePromiseInEveryCategory() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    answers.addAll(many("photo", "7", true, 0.8, 0, 300));
    answers.addAll(many("lowres", "7", true, 0.6, 0, 200));
    answers.addAll(many("photo", "7", false, 0.5, 0, 2));
    answers.addAll(many("zip", "12345", true, 0.4, 0, 300));
    answers.addAll(many("zip", "12345", false, 0.3, 0, 5));
    answers.addAll(many("zip", "12345", true, 0.2, 0, 100));
    Calibration c = CalibrationFit.fit(answers);
    assertTrue(c.weights()[0] > 0, "a wider margin is likelier right: " + c);
    // one digit: 0.6 and up are all right; at 0.5, 300 right of 302 in photo (99.3%) breaks the promise there,
    // although 500 of 502 one-digit answers together (99.6%) would keep it
    assertTrue(c.apply(evidence(0.6, 0), 1) >= Calibration.CERTAIN, "the lowest right single digit is certain");
    assertTrue(c.apply(evidence(0.5, 0), 1) < Calibration.CERTAIN, "the mistake is not");
    // five digits: 0.4 and up are all right; at 0.2, 400 right of 405 (98.8%) breaks 99.5%
    assertTrue(c.apply(evidence(0.4, 0), 5) >= Calibration.CERTAIN);
    assertTrue(c.apply(evidence(0.3, 0), 5) < Calibration.CERTAIN);
    assertTrue(c.apply(evidence(0.2, 0), 5) < Calibration.CERTAIN);
    assertTrue(c.apply(evidence(0.2, 0), 5) < c.apply(evidence(0.3, 0), 5), "the order of the evidence stays");
    // kinds with no answers of their own take every line's threshold
    assertEquals(c.offset(Calibration.Kind.ZIP), c.offset(Calibration.Kind.ZIP9), 1e-12);
    assertEquals(c.slope(Calibration.Kind.ZIP), c.slope(Calibration.Kind.ZIP9), 1e-12);
    ReadBenchmark.Row row = ReadBenchmark.score(ReadBenchmark.calibrated(answers.stream()
        .filter(x -> x.item().category().equals("photo")).toList(), c), 1);
    assertEquals(0.0, row.confidentError());
    assertEquals(300.0 / 302, row.confidentShare(), 1e-9);
  }

  @Test
  void oneMistakeInASmallCategoryCannotHoldBackTheOthersTwoCan() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    answers.addAll(many("zip", "12345", true, 0.45, 0, 400));
    answers.addAll(many("font-string", "12345", true, 0.4, 0, 100));
    answers.add(answer("font-string", "12345", false, 0.35, 0));
    answers.addAll(many("zip", "12345", true, 0.3, 0, 100));
    answers.addAll(many("zip", "12345", false, 0.2, 0, 10));
    Calibration c = CalibrationFit.fit(answers);
    // at 0.3: 600 right of 601 five-digit answers; font-string's one mistake in 101 cannot show 0.5% broken
    assertTrue(c.apply(evidence(0.3, 0), 5) >= Calibration.CERTAIN, "certain down to 0.3: " + c);
    assertTrue(c.apply(evidence(0.2, 0), 5) < Calibration.CERTAIN, "600 of 611 breaks the promise: " + c);
    answers.add(answer("font-string", "12345", false, 0.35, 0));
    c = CalibrationFit.fit(answers);
    // two mistakes in 102 (2%) can: the bar goes back above them
    assertTrue(c.apply(evidence(0.3, 0), 5) < Calibration.CERTAIN, "two font-string mistakes: " + c);
    assertTrue(c.apply(evidence(0.4, 0), 5) >= Calibration.CERTAIN, "above them, certain: " + c);
  }

  @Test
  void aCategoryKeepsThePromiseOverAllItsKindsTogetherAtTheLeastCost() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    answers.addAll(many("mnist-string", "12345", true, 0.5, 0, 150));
    answers.add(answer("mnist-string", "12345", false, 0.45, 0));
    answers.addAll(many("zip", "12345", true, 0.4, 0, 400));
    answers.addAll(many("mnist-string", "12345678", true, 0.5, 0, 150));
    answers.add(answer("mnist-string", "12345678", false, 0.45, 0));
    answers.addAll(many("long", "12345678", true, 0.42, 0, 200));
    answers.addAll(many("zip", "12345", false, 0.1, 0, 20));
    answers.addAll(many("long", "12345678", false, 0.1, 0, 20));
    Calibration c = CalibrationFit.fit(answers);
    // each kind keeps it (mnist-string's 151 of a kind are too few to measure); together its 302 do not (99.3%):
    // raising the eight-digit threshold above its mistake costs 201 answers, the five-digit one's 401
    assertTrue(c.apply(evidence(0.4, 0), 5) >= Calibration.CERTAIN, "five digits keep their threshold: " + c);
    assertTrue(c.apply(evidence(0.45, 0), 8) < Calibration.CERTAIN, "eight digits' mistake is no longer certain");
    assertTrue(c.apply(evidence(0.5, 0), 8) >= Calibration.CERTAIN, "just above it is: " + c);
  }

  @Test
  void theWeightsFollowTheEvidenceThatTellsRightFromWrong() {
    // the margin says nothing here (the same spread for right and wrong answers); the line model's doubt says all
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double margin = 0.5 + (i % 10) / 10.0;
      answers.add(answer("zip", "12345", i % 8 != 0, margin, i % 8 != 0 ? 0 : 3));
    }
    Calibration c = CalibrationFit.fit(answers);
    assertTrue(c.weights()[4] < 0, "doubt lowers the confidence: " + c);
    assertTrue(Math.abs(c.weights()[0]) < Math.abs(c.weights()[4]), "the margin weighs less: " + c);
    assertTrue(c.apply(evidence(0.5, 0), 5) >= Calibration.CERTAIN, "no doubt: certain at any margin");
    assertTrue(c.apply(evidence(1.4, 3), 5) < Calibration.CERTAIN, "doubt: uncertain at any margin");
  }

  @Test
  void belowCertainAConfidenceSaysAboutHowOftenSuchAnswersWereRight() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>(many("zip", "12345", true, 3, 0, 400));
    answers.addAll(many("zip", "12345", true, 2, 0, 90));
    answers.addAll(many("zip", "12345", false, 2, 0, 10));
    answers.addAll(many("zip", "12345", true, 1, 0, 60));
    answers.addAll(many("zip", "12345", false, 1, 0, 40));
    Calibration c = CalibrationFit.fit(answers);
    assertTrue(c.apply(evidence(3, 0), 5) >= Calibration.CERTAIN);
    float ninety = c.apply(evidence(2, 0), 5);
    float sixty = c.apply(evidence(1, 0), 5);
    assertTrue(ninety > 0.8 && ninety < 0.97, "90% right: " + ninety + " (" + c + ")");
    assertTrue(sixty > 0.45 && sixty < 0.75, "60% right: " + sixty + " (" + c + ")");
  }

  @Test
  void noMistakeOrNothingRightLeavesTheModelsOwnConfidence() {
    assertEquals(Calibration.NONE, CalibrationFit.fit(many("zip", "12345", true, 1, 0, 50)));
    assertEquals(Calibration.NONE, CalibrationFit.fit(many("zip", "12345", false, 1, 0, 50)));
    assertEquals(0.25f, Calibration.NONE.apply(new Evidence(0.25, 1, 0, 0, 0, 0), 5), "the raw product");
  }

  @Test
  void whenEvenTheSurestAnswerBreaksThePromiseNoneIsCertain() {
    // evidence that cannot tell them apart: 100 right of 103 at every threshold, under 99.5%
    List<ReadBenchmark.Answer> answers = new ArrayList<>(many("photo", "7", false, 1, 0, 3));
    answers.addAll(many("photo", "7", true, 1, 0, 100));
    Calibration c = CalibrationFit.fit(answers);
    for (ReadBenchmark.Answer a : answers) {
      assertTrue(c.apply(a.evidence(), 1) < Calibration.CERTAIN);
    }
  }
}
