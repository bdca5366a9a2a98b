package digits.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Fixtures;
import digits.data.LabeledImages;
import digits.eval.ModelEvaluation;
import digits.train.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
  @TempDir Path dir;

  private static ModelEvaluation evaluation() {
    LabeledImages data = Fixtures.blocks(100, 10, 1);
    float[] p = new float[100 * 10];
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 100; i++) {
      int guess = i % 7 == 0 ? (data.label(i) + 1) % 10 : data.label(i);
      for (int c = 0; c < 10; c++) {
        p[i * 10 + c] = c == guess ? 0.6f + 0.3f * (float) r.nextDouble() : 0.01f;
      }
    }
    return ModelEvaluation.of("m", data, p);
  }

  private static List<EpochMetrics> history() {
    List<EpochMetrics> h = new ArrayList<>();
    for (int e = 1; e <= 6; e++) {
      h.add(new EpochMetrics(e, 1.0 / e, 1 - 0.1 / e, 1.1 / e, 1 - 0.12 / e, 1e-3 / e, 9, 6000));
    }
    return h;
  }

  @Test
  void writesEveryFigureAsAPngOfTheExpectedSizeAndAReportThatOnlyLinksExistingFiles() throws IOException {
    List<String> written = EvaluationReport.write(dir, "test run", Map.of("run", "x"), evaluation(), List.of(),
        history());
    assertEquals(List.of("confusion_matrix.csv", "per_class.csv", "confusion_matrix.png", "predictions.png",
        "mistakes.png", "training_curves.png", "report.html"), written);
    int cell = 28 * EvaluationReport.GRID_ZOOM + 4;
    assertSize(dir.resolve("confusion_matrix.png"), Charts.HEATMAP_SIZE, Charts.HEATMAP_SIZE);
    assertSize(dir.resolve("training_curves.png"), Charts.CURVES_WIDTH, Charts.CURVES_HEIGHT);
    assertSize(dir.resolve("predictions.png"), 10 * cell + 4, 4 * (cell + 14) + 4);
    // 100 images, every 7th wrong: 15 mistakes, two rows.
    assertSize(dir.resolve("mistakes.png"), 10 * cell + 4, 2 * (cell + 14) + 4);

    String html = Files.readString(dir.resolve("report.html"));
    Matcher images = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    int inlined = 0;
    while (images.find()) {
      byte[] png = java.util.Base64.getDecoder().decode(images.group(1));
      assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)) != null, "a readable PNG");
      inlined++;
    }
    assertEquals(4, inlined, "every figure inside the page: it can be mailed alone");
    Matcher links = Pattern.compile("href=\"([^\"]+)\"").matcher(html);
    while (links.find()) {
      assertTrue(Files.isRegularFile(dir.resolve(links.group(1))), "report.html links " + links.group(1));
    }
    assertTrue(html.contains("85.00%"), "accuracy in the summary");
    assertTrue(!html.contains("http://") && !html.contains("https://"), "readable offline");
  }

  @Test
  void withoutHistoryThereIsNoCurveAndNoLinkToIt() throws IOException {
    List<String> written = EvaluationReport.write(dir, "eval", Map.of(), evaluation(), List.of(), List.of());
    assertTrue(!written.contains("training_curves.png"));
    assertTrue(!Files.readString(dir.resolve("report.html")).contains("Training curves"));
  }

  @Test
  void csvFilesHoldTheMatrixAndThePerClassTable() throws IOException {
    EvaluationReport.write(dir, "eval", Map.of(), evaluation(), List.of(), List.of());
    List<String> confusion = Files.readAllLines(dir.resolve("confusion_matrix.csv"));
    assertEquals("true\\predicted,0,1,2,3,4,5,6,7,8,9", confusion.get(0));
    assertEquals(11, confusion.size());
    List<String> perClass = Files.readAllLines(dir.resolve("per_class.csv"));
    assertEquals("class,precision,recall,f1,support", perClass.get(0));
    assertEquals(13, perClass.size());
    assertTrue(perClass.get(12).startsWith("weighted avg,"));
  }

  private static void assertSize(Path png, int width, int height) throws IOException {
    assertTrue(Files.size(png) > 1000, png + " is not empty");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth(), png.toString());
    assertEquals(height, image.getHeight(), png.toString());
  }
}
