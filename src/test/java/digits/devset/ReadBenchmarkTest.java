package digits.devset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.inference.InvalidModelException;
import digits.predict.Calibration;
import digits.predict.DigitRecognizer;
import digits.predict.ModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBenchmarkTest {
  @TempDir Path dir;

  private static ReadBenchmark.Answer answer(String category, boolean right, double confidence) {
    return answer(category, "7", right, confidence);
  }

  private static ReadBenchmark.Answer answer(String category, String text, boolean right, double confidence) {
    String wrong = text.substring(0, text.length() - 1) + (text.endsWith("1") ? "2" : "1");
    return new ReadBenchmark.Answer(new ReadBenchmark.Labelled(Path.of("x.png"), text, category, "tuning"),
        right ? text : wrong, confidence);
  }

  private static List<ReadBenchmark.Answer> many(String category, String text, boolean right, double confidence,
      int n) {
    List<ReadBenchmark.Answer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(answer(category, text, right, confidence));
    }
    return out;
  }

  @Test
  void eachKindOfReadingIsCertainFromTheLowestConfidenceThatKeepsThePromise() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>();
    answers.addAll(many("photo", "7", true, 0.8, 150));
    answers.addAll(many("lowres", "7", true, 0.6, 200));
    answers.add(answer("photo", false, 0.5));
    answers.addAll(many("zip", "12345", true, 0.4, 300));
    answers.addAll(many("zip", "12345", false, 0.3, 5));
    answers.addAll(many("zip", "12345", true, 0.2, 100));
    Calibration c = ReadBenchmark.calibration(answers);
    // one digit: 0.6 and up are all right, 0.5 is the mistake (150 right of 151 in photo: under 99.5%)
    assertTrue(c.apply(0.6, 1) >= Calibration.CERTAIN, "the lowest right single digit is certain");
    assertTrue(c.apply(0.5, 1) < Calibration.CERTAIN, "the mistake is not");
    // five digits: 0.4 and up are all right; at 0.2, 400 right of 405 (98.8%) breaks 99.5%
    assertTrue(c.apply(0.4, 5) >= Calibration.CERTAIN);
    assertTrue(c.apply(0.3, 5) < Calibration.CERTAIN);
    assertTrue(c.apply(0.2, 5) < Calibration.CERTAIN);
    // kinds with no answers of their own take every line's threshold
    assertEquals(c.exponent(Calibration.Kind.ZIP), c.exponent(Calibration.Kind.ZIP9), 1e-12);
    ReadBenchmark.Row row = ReadBenchmark.score(ReadBenchmark.calibrated(answers.stream()
        .filter(x -> x.item().category().equals("photo")).toList(), c), 1);
    assertEquals(0.0, row.confidentError());
    assertEquals(150.0 / 151, row.confidentShare(), 1e-9);
  }

  @Test
  void aConfidentMistakeMakesTheCalibrationStricterThanTheModel() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>(many("photo", "7", true, 0.999, 150));
    answers.add(answer("photo", false, 0.998));
    answers.addAll(many("photo", "7", true, 0.997, 40));
    Calibration c = ReadBenchmark.calibration(answers);
    assertTrue(c.apply(0.999, 1) >= Calibration.CERTAIN);
    // 190 right of 191 (99.48%) is under 99.5%: only the answers above the mistake stay certain
    assertTrue(c.apply(0.998, 1) < Calibration.CERTAIN);
    assertTrue(c.exponent(Calibration.Kind.ONE_DIGIT) > 1, "stricter than the model's own confidences");
  }

  @Test
  void readRatesTakeTheMostConfidentFirstUpToTheErrorRate() {
    List<ReadBenchmark.Answer> answers = new ArrayList<>(many("zip", "12345", true, 0.9, 990));
    answers.addAll(many("zip", "12345", false, 0.5, 5));
    answers.addAll(many("zip", "12345", true, 0.4, 5));
    assertEquals(0.99, ReadBenchmark.readRate(answers, 0.001), 1e-9, "no mistake among the first 990");
    // 995 read with 5 wrong is 0.50% error; 1000 read with 5 wrong, 0.5% too
    assertEquals(1.0, ReadBenchmark.readRate(answers, 0.005), 1e-9);
    ReadBenchmark.Row row = ReadBenchmark.score(answers, 1);
    assertEquals(0.99, row.readRates()[0], 1e-9);
    assertTrue(row.strings());
    assertEquals(0.995, row.exact(), 1e-9);
  }

  @Test
  void theRecognizerReadsTheCalibrationRecordedBesideItsModel() throws Exception {
    Path model = Files.createDirectories(dir.resolve("run/saved_model"));
    Path file = dir.resolve("run").resolve(ModelFolder.READING_FILE);
    assertEquals(Calibration.NONE, ModelFolder.of(model).calibration(), "nothing recorded: the model's own");
    Files.writeString(file, "tuning_exact=0.8\n" + Calibration.KEY + "=0.48\n");
    assertEquals(Calibration.uniform(0.48), ModelFolder.of(model).calibration(), "one exponent for all, as before");
    Files.writeString(file, Calibration.uniform(0.5).properties().replace(Calibration.KEY + ".5=0.500",
        Calibration.KEY + ".5=2.000"));
    assertEquals(2.0, ModelFolder.of(model).calibration().exponent(Calibration.Kind.ZIP), 1e-9);
    assertEquals(0.5, ModelFolder.of(model).calibration().exponent(Calibration.Kind.ONE_DIGIT), 1e-9);
    Files.writeString(file, Calibration.KEY + ".5=-2\n");
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFolder.of(model).calibration());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("confidence_exponent.5"),
        "a damaged calibration is one error naming the file and the key: " + e.getMessage());
  }

  @Test
  void readsASetInBatchesCountsNoDigitAsWrongAndStopsOnADamagedImage(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("tuning/x"));
    StringBuilder labels = new StringBuilder("path,text,category,part\n");
    for (int i = 0; i < 70; i++) { // more than one batch
      String text = String.valueOf(i % 10);
      javax.imageio.ImageIO.write(digits.predict.Handwriting.draw(text, digits.predict.Handwriting.Style.PLAIN, 0),
          "png", dir.resolve("tuning/x/" + i + ".png").toFile());
      labels.append("tuning/x/").append(i).append(".png,").append(text).append(",x,tuning\n");
    }
    var blank = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    blank.getRaster().setSamples(0, 0, 40, 40, 0, new int[1600]);
    java.awt.Graphics2D g = blank.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 40, 40);
    g.dispose();
    javax.imageio.ImageIO.write(blank, "png", dir.resolve("tuning/x/blank.png").toFile());
    labels.append("tuning/x/blank.png,5,x,tuning\n");
    Files.writeString(dir.resolve(DevSet.LABELS), labels);
    try (DigitRecognizer recognizer = DigitRecognizer.load(digits.predict.ShortMnistModel.savedModel())) {
      List<ReadBenchmark.Answer> answers = ReadBenchmark.read(recognizer, ReadBenchmark.items(dir));
      assertEquals(71, answers.size());
      for (int i = 0; i < 70; i++) {
        assertEquals(recognizer.read(javax.imageio.ImageIO.read(answers.get(i).item().file().toFile()),
            digits.predict.ReadRequest.LINE).text(), answers.get(i).read(), "as one image alone reads");
      }
      ReadBenchmark.Answer none = answers.get(70);
      assertEquals("", none.read(), "no digit found: a wrong answer");
      assertEquals(0.0, none.confidence());
      Files.write(dir.resolve("tuning/x/3.png"), new byte[] {1, 2, 3});
      java.io.IOException e = assertThrows(java.io.IOException.class,
          () -> ReadBenchmark.read(recognizer, ReadBenchmark.items(dir)));
      assertTrue(e.getMessage().contains("3.png"), e.getMessage());
    }
  }
}
