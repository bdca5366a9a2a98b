package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Fixtures;
import digits.data.Idx;
import digits.data.IdxArray;
import digits.predict.Handwriting;
import digits.predict.ShortMnistModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
  @TempDir Path tmp;
  private Path images;
  private String model;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws IOException {
    model = ShortMnistModel.savedModel().toString();
    images = Files.createDirectories(tmp.resolve("images"));
    ImageIO.write(Handwriting.draw("7", Handwriting.Style.PLAIN, 0), "png", images.resolve("seven.png").toFile());
    ImageIO.write(Handwriting.draw("3", Handwriting.Style.PLAIN, 0), "jpg", images.resolve("three.jpg").toFile());
    ImageIO.write(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), "png", images.resolve("zip.png").toFile());
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void aFolderIsWalkedOneLinePerFile() {
    assertEquals(0, run("predict", "--model", model, images.toString()), err.toString());
    List<String> lines = lines();
    assertEquals(3, lines.size(), out.toString());
    assertTrue(lines.get(0).startsWith(images.resolve("seven.png") + "\t7\t"), lines.get(0));
    assertTrue(lines.get(1).startsWith(images.resolve("three.jpg") + "\t3\t"), lines.get(1));
    assertTrue(lines.get(2).startsWith(images.resolve("zip.png") + "\t90210"), lines.get(2));
    for (String line : lines) {
      String[] f = line.split("\t");
      assertEquals(Double.parseDouble(f[2]) < digits.predict.Calibration.CERTAIN, f[1].endsWith("?"),
          "marked uncertain exactly below 0.995 by default: " + line);
    }
    assertTrue(lines.get(0).split("\t")[3].split(" ").length == 3, "top 3: " + lines.get(0));
  }

  @Test
  void jsonCsvAndTheDebugInputs() throws IOException {
    Path debug = tmp.resolve("debug");
    assertEquals(0, run("predict", "-m", model, "--json", "--debug-dir", debug.toString(),
        images.resolve("zip.png").toString()));
    assertTrue(out.toString().startsWith("{\"file\":\"" + images.resolve("zip.png") + "\",\"answer\":\"90210\""),
        out.toString());
    for (int i = 0; i < 5; i++) {
      assertEquals(28 * 4 + 8, ImageIO.read(debug.resolve("zip-" + i + ".png").toFile()).getWidth());
    }
    out.getBuffer().setLength(0);
    assertEquals(0, run("predict", "-m", model, "--csv", "--single", images.resolve("seven.png").toString()));
    assertEquals("file,answer,confidence,uncertain,top3", lines().get(0));
    assertTrue(lines().get(1).startsWith(images.resolve("seven.png") + ",7,"), out.toString());
  }

  @Test
  void answersBelowTheMinimumConfidenceAreMarkedUncertain() {
    String zip = images.resolve("zip.png").toString();
    assertEquals(0, run("predict", "-m", model, "--min-confidence", "1", zip));
    assertTrue(lines().get(0).startsWith(zip + "\t90210?\t"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("predict", "-m", model, "--min-confidence", "1", "--json", zip));
    assertTrue(out.toString().contains("\"uncertain\":true"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("predict", "-m", model, "--min-confidence", "0", "--csv", zip));
    assertTrue(lines().get(1).matches(".*,90210,[0-9.]+,false,.*"), out.toString());
    assertEquals(2, run("predict", "-m", model, "--min-confidence", "1.5", zip));
    err.getBuffer().setLength(0);
    assertEquals(2, run("predict", "-m", model, "--json", "--csv", zip));
    assertTrue(err.toString().contains("--json and --csv exclude each other"), err.toString());
    assertEquals(2, run("predict", "-m", model, "--single", "--expect-length", "5", zip));
  }

  @Test
  void badFilesGetOneErrorLineEachAndTheRestContinue() throws IOException {
    Files.writeString(images.resolve("garbage.png"), "not a png at all");
    ImageIO.write(new java.awt.image.BufferedImage(60, 60, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
        images.resolve("blank.png").toFile());
    assertEquals(1, run("predict", "--model", model, images.toString(), tmp.resolve("missing.png").toString()));
    List<String> errors = err.toString().lines().toList();
    assertEquals(3, errors.size(), err.toString());
    assertTrue(errors.stream().anyMatch(l -> l.contains("blank.png: no digit found")),
        err.toString());
    assertTrue(errors.stream().anyMatch(l -> l.contains("garbage.png: is not an image")), err.toString());
    assertTrue(errors.stream().anyMatch(l -> l.contains("missing.png: does not exist")), err.toString());
    assertEquals(3, lines().size(), "the good files are still read: " + out);
  }

  @Test
  void scoresEveryImageOfAnIdxFile() throws IOException {
    var data = Fixtures.blocks(5, 10, 1);
    Path idx = tmp.resolve("t10k-images-idx3-ubyte");
    Idx.write(idx, new IdxArray(new int[] {5, 28, 28}, data.pixels()), false);
    assertEquals(0, run("predict", "--model", model, idx.toString()), err.toString());
    assertEquals(5, lines().size());
    assertTrue(lines().get(4).startsWith(idx + "#4\t"), out.toString());
  }

  @Test
  void withoutAModelOrRunsTheShippedReaderReadsAndSaysSo() {
    assertEquals(0, run("predict", "--runs-dir", tmp.resolve("none").toString(), images.toString()), err.toString());
    assertTrue(err.toString().contains("and its line model: the shipped reader (models/reader)"), err.toString());
    List<String> lines = lines();
    assertTrue(lines.get(0).startsWith(images.resolve("seven.png") + "\t7"), lines.get(0));
    assertTrue(lines.get(1).startsWith(images.resolve("three.jpg") + "\t3"), lines.get(1));
    assertTrue(lines.get(2).startsWith(images.resolve("zip.png") + "\t90210"), lines.get(2));
  }
}
