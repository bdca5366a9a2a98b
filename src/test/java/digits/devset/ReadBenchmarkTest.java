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

  private static ReadBenchmark.Answer answer(String category, String text, boolean right, double confidence) {
    ReadBenchmark.Answer a = CalibrationFitTest.answer(category, text, right, 0, 0);
    return new ReadBenchmark.Answer(a.item(), a.read(), confidence, a.evidence());
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
    Files.writeString(file, "tuning_exact=0.8\nconfidence_exponent.5=0.48\n");
    assertEquals(Calibration.NONE, ModelFolder.of(model).calibration(), "an older file's exponents: not read");
    Calibration c = new Calibration(new double[] {1.5, 0.25, 3, 0.5, -0.75}, new double[] {1, 1, 0.5, 2, 1},
        new double[] {1, 2, 3, 4, 5});
    Files.writeString(file, "tuning_exact=0.8\n" + c.properties());
    assertEquals(c, ModelFolder.of(model).calibration(), "what bench read records, read back");
    Files.writeString(file, c.properties().replace(Calibration.OFFSET + ".5=3.000000000", Calibration.OFFSET
        + ".5=three"));
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFolder.of(model).calibration());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("confidence_offset.5"),
        "a damaged calibration is one error naming the file and the key: " + e.getMessage());
    Files.writeString(file, c.properties().replaceAll("(?m)^" + Calibration.WEIGHT + ".line_model_doubt=.*$", ""));
    e = assertThrows(InvalidModelException.class, () -> ModelFolder.of(model).calibration());
    assertTrue(e.getMessage().contains("confidence_weight.line_model_doubt is missing"), e.getMessage());
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

  @Test
  void readsEveryBatchWithEachReaderInTurnAndTimesThemApart(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("tuning/x"));
    StringBuilder labels = new StringBuilder("path,text,category,part\n");
    for (int i = 0; i < 70; i++) { // two batches: each reader goes first once
      String text = String.valueOf((3 * i) % 10);
      javax.imageio.ImageIO.write(digits.predict.Handwriting.draw(text, digits.predict.Handwriting.Style.PLAIN, 0),
          "png", dir.resolve("tuning/x/" + i + ".png").toFile());
      labels.append("tuning/x/").append(i).append(".png,").append(text).append(",x,tuning\n");
    }
    Files.writeString(dir.resolve(DevSet.LABELS), labels);
    List<ReadBenchmark.Labelled> items = ReadBenchmark.items(dir);
    try (DigitRecognizer a = DigitRecognizer.load(digits.predict.ShortMnistModel.savedModel());
        DigitRecognizer b = DigitRecognizer.load(digits.predict.ShortMnistModel.savedModel())) {
      ReadBenchmark.InTurn read = ReadBenchmark.readInTurn(List.of(a, b), items);
      List<ReadBenchmark.Answer> alone = ReadBenchmark.read(a, items);
      assertEquals(2, read.answers().size());
      assertEquals(2, read.seconds().length);
      for (int k = 0; k < 2; k++) {
        assertTrue(read.seconds()[k] > 0, "each reader's own time");
        assertEquals(alone.size(), read.answers().get(k).size());
        for (int i = 0; i < alone.size(); i++) {
          assertEquals(items.get(i), read.answers().get(k).get(i).item(), "in the items' order");
          assertEquals(alone.get(i).read(), read.answers().get(k).get(i).read(), "as it reads alone");
          assertEquals(alone.get(i).confidence(), read.answers().get(k).get(i).confidence(), 1e-6);
        }
      }
    }
  }
}
