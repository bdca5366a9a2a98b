package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.image.ImageFiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Digits drawn with Java2D, read by a model trained on real MNIST within the test run. */
class DigitRecognizerTest {
  private static DigitRecognizer recognizer;

  private static final List<Handwriting.Style> STYLES = List.of(
      Handwriting.Style.PLAIN,
      new Handwriting.Style(400, 0.5, 0.06, Color.BLACK, Color.WHITE, -6),             // large, thin, tilted
      new Handwriting.Style(48, 0.8, 0.13, Color.BLACK, Color.WHITE, 5),               // small, thick
      new Handwriting.Style(160, 0.6, 0.1, new Color(20, 40, 170), new Color(245, 238, 200), 3), // blue on cream
      new Handwriting.Style(120, 0.7, 0.1, Color.WHITE, new Color(30, 60, 40), 0));    // chalk on a board

  @BeforeAll
  static void load() throws IOException {
    recognizer = DigitRecognizer.load(ShortMnistModel.savedModel());
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  @Test
  void readsEveryDrawnDigitInEveryStyle() {
    List<String> misses = new ArrayList<>();
    for (Handwriting.Style style : STYLES) {
      for (int d = 0; d < 10; d++) {
        Prediction p = recognizer.read(Handwriting.draw(String.valueOf(d), style, 0), ReadRequest.ONE_DIGIT).digits().get(0);
        if (p.digit() != d) {
          misses.add(d + " read as " + p.digit() + " (" + p.confidence() + ") in " + style);
        }
      }
    }
    assertEquals(List.of(), misses);
  }

  @Test
  void readsDigitStrings() {
    assertEquals("90210", recognizer.read(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), ReadRequest.LINE).text());
    assertEquals("1357", recognizer.read(Handwriting.draw("1357", STYLES.get(3), 0.3), ReadRequest.LINE).text());
    NumberReading touching = recognizer.read(Handwriting.draw("4862", Handwriting.Style.PLAIN, -0.05), ReadRequest.lineOf(4));
    assertEquals("4862", touching.text());
    assertEquals(4, touching.digits().size());
    assertTrue(touching.confidence() > 0 && touching.confidence() <= 1);
  }

  @Test
  void countsTheModelsWorkInCandidatesAndFlops() {
    ModelWork before = recognizer.work();
    recognizer.read(Handwriting.draw("5", Handwriting.Style.PLAIN, 0), ReadRequest.ONE_DIGIT);
    ModelWork one = recognizer.work().since(before);
    assertEquals(1, one.digits(), "one digit, one candidate");
    assertEquals(0, one.lines(), "no line model");
    assertEquals(recognizer.cost().perDigit(), one.flops());
    assertTrue(recognizer.cost().perDigit() > 100_000, "a convolution's worth: " + recognizer.cost().perDigit());
    before = recognizer.work();
    recognizer.read(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), ReadRequest.LINE);
    assertTrue(recognizer.work().since(before).digits() >= 5, "a candidate a digit at least");
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int d = i % 10;
        BufferedImage image = Handwriting.draw(String.valueOf(d), Handwriting.Style.PLAIN, 0);
        answers.add(pool.submit(() -> recognizer.read(image, ReadRequest.ONE_DIGIT).digits().get(0).digit()));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertEquals(i % 10, answers.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aModelThatSaysNotOneDigitLowersTheConfidenceByThatMuch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    var network = new digits.model.Network(digits.model.Architecture.parse("flatten dense(11)"), 28, 28, 10,
        digits.data.Normalization.UNIT, true);
    var weights = network.initialWeights(3);
    java.util.Arrays.fill(weights.get(network.weightSpecs().get(0).name()), 0f);
    float[] bias = weights.get(network.weightSpecs().get(1).name());
    bias[7] = 3f;
    bias[10] = 3f; // as likely "not one digit" as 7
    digits.export.SavedModelExport.export(network, weights, dir.resolve("m"));
    try (DigitRecognizer r = DigitRecognizer.load(dir.resolve("m"))) {
      Prediction p = r.classify(List.of(new float[28 * 28])).get(0);
      double e3 = Math.exp(3);
      assertEquals(7, p.digit());
      assertEquals(e3 / (e3 + 9), p.probabilities()[7], 1e-5, "the digits' probabilities sum to 1 among digits");
      assertEquals(e3 / (e3 + 9) * (1 - e3 / (2 * e3 + 9)), p.confidence(), 1e-5);
    }
  }

  @Test
  void readingFilesInABatchGivesWhatReadingEachAloneGivesWithErrorsInPlace(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws IOException {
    List<java.nio.file.Path> files = new ArrayList<>();
    String[] texts = {"7", "31", "250", "4", "86", "1", "909", "62", "5"};
    for (int i = 0; i < texts.length; i++) {
      java.nio.file.Path f = dir.resolve(i + ".png");
      javax.imageio.ImageIO.write(Handwriting.draw(texts[i], STYLES.get(i % STYLES.size()), 0.2), "png", f.toFile());
      files.add(f);
      if (i == 3) {
        files.add(java.nio.file.Files.write(dir.resolve("corrupt.png"), new byte[] {1, 2, 3}));
        BufferedImage blank = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        java.nio.file.Path b = dir.resolve("blank.png");
        javax.imageio.ImageIO.write(blank, "png", b.toFile());
        files.add(b);
      }
    }
    for (ReadRequest request : List.of(ReadRequest.LINE, ReadRequest.ONE_DIGIT)) {
      List<ReadResult> batch = recognizer.readAll(files.stream().map(f -> ImageToRead.of(f, request)).toList());
      assertEquals(files.size(), batch.size());
      for (int i = 0; i < files.size(); i++) {
        String name = files.get(i).getFileName().toString();
        if (name.equals("corrupt.png") || name.equals("blank.png")) {
          assertTrue(!batch.get(i).ok() && batch.get(i).error() != null, name + " gets its error, in its place");
          continue;
        }
        NumberReading alone = recognizer.read(ImageFiles.read(files.get(i)), request);
        assertTrue(batch.get(i).ok(), name);
        assertEquals(alone.text(), batch.get(i).reading().text(), name);
        assertEquals(alone.confidence(), batch.get(i).reading().confidence(), 1e-5f, name);
      }
    }
  }
}
