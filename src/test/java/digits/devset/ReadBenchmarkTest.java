package digits.devset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.DigitRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBenchmarkTest {
  @TempDir Path dir;

  private static ReadBenchmark.Answer answer(String category, boolean right, double confidence) {
    return new ReadBenchmark.Answer(new ReadBenchmark.Labelled(Path.of("x.png"), "7", category, "tuning"),
        right ? "7" : "1", confidence);
  }

  @Test
  void theCalibrationLetsTheMostAnswersReachPointNineWithoutAWrongOne() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(answer("photo", true, 0.8));
      answers.add(answer("lowres", true, 0.6));
    }
    answers.add(answer("photo", false, 0.5));
    double a = ReadBenchmark.calibration(answers);
    // 0.5^a must stay under 0.9 (a > 0.152); every a from 1 down to 0.16 keeps it there.
    assertEquals(0.16, a, 0.005);
    assertTrue(Math.pow(0.8, a) >= ReadBenchmark.CONFIDENT && Math.pow(0.6, a) >= ReadBenchmark.CONFIDENT);
    assertTrue(Math.pow(0.5, a) < ReadBenchmark.CONFIDENT);
    ReadBenchmark.Row row = ReadBenchmark.score(ReadBenchmark.calibrated(answers.stream()
        .filter(x -> x.item().category().equals("photo")).toList(), a), 1);
    assertEquals(1.0, row.confidentAccuracy());
    assertEquals(20.0 / 21, row.confidentShare(), 1e-9);
    double strict = ReadBenchmark.calibration(List.of(answer("photo", false, 0.95), answer("photo", true, 0.99)));
    // a confident mistake at the model's own confidences: stricter than the model, 0.95^a < 0.9 (a > 2.054)
    assertEquals(2.06, strict, 1e-9);
    assertTrue(Math.pow(0.99, strict) >= ReadBenchmark.CONFIDENT, "the sure right answer still clears 0.9");
  }

  @Test
  void oneStrayMistakeInSeveralHundredConfidentAnswersDoesNotDecideAloneTwoDo() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      answers.add(answer("lowres", true, 0.8));
    }
    answers.add(answer("lowres", false, 0.8));
    // 600 of 601 right (99.83%) keeps the promise: every answer may reach 0.9
    assertTrue(Math.pow(0.8, ReadBenchmark.calibration(answers)) >= ReadBenchmark.CONFIDENT);
    answers.add(answer("lowres", false, 0.8));
    // 600 of 602 (99.67%) does not: 0.8^a must stay under 0.9 (a > 0.472)
    assertEquals(0.48, ReadBenchmark.calibration(answers), 1e-9);
  }

  @Test
  void theRecognizerReadsTheExponentRecordedBesideItsModel() throws Exception {
    Path model = Files.createDirectories(dir.resolve("run/saved_model"));
    assertEquals(1.0, DigitRecognizer.calibration(model), "nothing recorded: the model's own confidences");
    Files.writeString(dir.resolve("run").resolve(DigitRecognizer.READING_FILE), "tuning_exact=0.8\n"
        + DigitRecognizer.EXPONENT_KEY + "=0.48\n");
    assertEquals(0.48, DigitRecognizer.calibration(model), 1e-12);
    Files.writeString(dir.resolve("run").resolve(DigitRecognizer.READING_FILE), DigitRecognizer.EXPONENT_KEY + "=-2\n");
    assertEquals(1.0, DigitRecognizer.calibration(model), "a nonsense value is ignored");
  }
}
