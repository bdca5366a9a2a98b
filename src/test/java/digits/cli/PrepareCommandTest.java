package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import digits.predict.DigitRecognizer;
import digits.predict.Handwriting;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheModelInputAsNumbersAndNamesTheImageWithoutADigit() throws Exception {
    BufferedImage three = Handwriting.draw("3", Handwriting.Style.PLAIN, 0);
    Path image = dir.resolve("three.png");
    ImageIO.write(three, "png", image.toFile());
    Path blank = dir.resolve("blank.png");
    ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"prepare", "--output", dir.resolve("out").toString(), image.toString(),
        blank.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(1, code, "one image failed");
    assertEquals(image + "\t" + dir.resolve("out/three.csv") + "\n", out.toString());
    assertEquals("digits: error: " + blank + ": no digit found\n", err.toString());
    List<String> rows = Files.readAllLines(dir.resolve("out/three.csv"));
    assertEquals(28, rows.size());
    float[] expected = DigitRecognizer.input(ImageIO.read(image.toFile()));
    for (int y = 0; y < 28; y++) {
      String[] cells = rows.get(y).split(",");
      assertEquals(28, cells.length);
      for (int x = 0; x < 28; x++) {
        assertEquals(expected[y * 28 + x], Float.parseFloat(cells[x]), 1e-6f);
      }
    }
  }
}
