package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.segment.LineSkewTest;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cases people's digits bring that MNIST does not: glyphs a plain segmenter cuts in two or joins, low
 * resolution, photos of ruled paper, images without a digit. Read by the short MNIST model.
 */
class HardCasesTest {
  private static DigitRecognizer recognizer;

  @BeforeAll
  static void load() throws IOException {
    recognizer = DigitRecognizer.load(ShortMnistModel.savedModel());
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  /** Draws shapes (in pixels) with a round pen, black on white. */
  private static BufferedImage draw(int w, int h, double pen, Shape... shapes) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke((float) pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (Shape s : shapes) {
      g.draw(s);
    }
    g.dispose();
    return image;
  }

  @Test
  void aWideSlantedZeroIsOneDigit() {
    Shape ellipse = new Ellipse2D.Double(-62, -45, 124, 90); // wider than tall
    Shape slanted = AffineTransform.getShearInstance(-0.3, 0).createTransformedShape(ellipse);
    Shape placed = AffineTransform.getTranslateInstance(110, 70).createTransformedShape(slanted);
    NumberReading r = recognizer.read(draw(220, 140, 9, placed), ReadRequest.LINE);
    assertEquals("0", r.text(), "confidence " + r.confidence());
  }

  @Test
  void aSevenWithADetachedBarIsOneDigit() {
    BufferedImage seven = draw(120, 140, 9, new Line2D.Double(22, 22, 92, 22), new Line2D.Double(90, 36, 50, 124));
    assertEquals("7", recognizer.read(seven, ReadRequest.LINE).text());
  }

  @Test
  void aThinBrokenSixIsOneDigit() {
    BufferedImage six = Handwriting.draw("6", new Handwriting.Style(140, 0.7, 0.035, Color.BLACK, Color.WHITE, 0), 0);
    Graphics2D g = six.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 62, six.getWidth(), 4); // the stroke breaks across the whole digit
    g.dispose();
    NumberReading r = recognizer.read(six, ReadRequest.LINE);
    assertEquals("6", r.text(), "confidence " + r.confidence());
  }

  @Test
  void twoTouchingDigitsAreTwo() {
    NumberReading r = recognizer.read(Handwriting.draw("38", Handwriting.Style.PLAIN, -0.12), ReadRequest.LINE);
    assertEquals("38", r.text());
  }

  @Test
  void lowResolutionDigitsReadRight() {
    List<String> misses = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      BufferedImage big = Handwriting.draw(String.valueOf(d), new Handwriting.Style(80, 0.8, 0.12, Color.BLACK,
          Color.WHITE, 0), 0);
      int side = big.getHeight();
      int x0 = (big.getWidth() - side) / 2;
      // 8x8 cells, 17 grey levels, shown at 64x64 (each cell an 8x8 block), as low-resolution form scans are.
      BufferedImage shown = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
      for (int cy = 0; cy < 8; cy++) {
        for (int cx = 0; cx < 8; cx++) {
          double dark = 0;
          for (int y = cy * side / 8; y < (cy + 1) * side / 8; y++) {
            for (int x = x0 + cx * side / 8; x < x0 + (cx + 1) * side / 8; x++) {
              dark += 1 - (big.getRGB(x, y) & 0xFF) / 255.0;
            }
          }
          dark /= (side / 8) * (side / 8);
          int v = 255 - (int) Math.round(Math.round(dark * 16) / 16.0 * 255);
          for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
              shown.setRGB(cx * 8 + x, cy * 8 + y, v << 16 | v << 8 | v);
            }
          }
        }
      }
      String read = recognizer.read(shown, ReadRequest.LINE).text();
      if (!read.equals(String.valueOf(d))) {
        misses.add(d + " read as " + read);
      }
    }
    assertTrue(misses.size() <= 1, "low-resolution misses: " + misses);
  }

  @Test
  void aPhotoWithALightGradientAndRuledLinesReadsRight() {
    BufferedImage ink = Handwriting.draw("2024", new Handwriting.Style(160, 0.55, 0.09, Color.BLACK, Color.WHITE, 2),
        0.3);
    int w = ink.getWidth();
    int h = ink.getHeight();
    BufferedImage photo = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(250, 246, 225), w, h, new Color(120, 116, 100))); // light to shadow
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(140, 170, 220));
    for (int y = 18; y < h; y += 36) {
      g.fillRect(0, y, w, 2); // ruled paper
    }
    g.dispose();
    SplittableRandom noise = new SplittableRandom(5);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double a = 1 - (ink.getRGB(x, y) & 0xFF) / 255.0;
        int p = photo.getRGB(x, y);
        int rgb = 0;
        int[] blueInk = {25, 45, 150};
        for (int k = 0; k < 3; k++) {
          double paper = p >> (16 - 8 * k) & 0xFF;
          double light = paper / 250.0; // the shadow dims the ink too
          double v = paper * (1 - a) + blueInk[k] * light * a + 6 * noise.nextGaussian();
          rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(v)));
        }
        photo.setRGB(x, y, rgb);
      }
    }
    assertEquals("2024", recognizer.read(photo, ReadRequest.LINE).text());
  }

  @Test
  void anExpectedLengthChangesTheCut() {
    BufferedImage image = Handwriting.draw("12345", Handwriting.Style.PLAIN, 0.25);
    assertEquals("12345", recognizer.read(image, ReadRequest.LINE).text());
    assertEquals(4, recognizer.read(image, ReadRequest.lineOf(4)).digits().size());
    assertEquals(6, recognizer.read(image, ReadRequest.lineOf(6)).digits().size());
  }

  @Test
  void aTiltedLineOfTouchingDigitsReadsAsLevelOne() {
    BufferedImage level = Handwriting.draw("35884", Handwriting.Style.PLAIN, -0.05);
    assertEquals("35884", recognizer.read(level, ReadRequest.LINE).text());
    for (double degrees : new double[] {-9, 9}) {
      assertEquals("35884", recognizer.read(LineSkewTest.tilted(level, degrees), ReadRequest.LINE).text(), "tilted " + degrees);
    }
  }

  @Test
  void blankAndNoiseOnlyImagesGetNoDigitFound() {
    BufferedImage blank = draw(80, 80, 1);
    assertEquals("no digit found",
        assertThrows(IllegalArgumentException.class, () -> recognizer.read(blank, ReadRequest.LINE)).getMessage());
    BufferedImage noise = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(11);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        int v = (int) Math.max(0, Math.min(255, 200 - 0.5 * x + 10 * random.nextGaussian()));
        noise.setRGB(x, y, v << 16 | v << 8 | (int) (v * 0.9));
      }
    }
    assertEquals("no digit found",
        assertThrows(IllegalArgumentException.class, () -> recognizer.read(noise, ReadRequest.ONE_DIGIT).digits().get(0)).getMessage());
  }

  @Test
  void confidenceShowsAResolvedAmbiguity() {
    NumberReading clear = recognizer.read(Handwriting.draw("4", Handwriting.Style.PLAIN, 0), ReadRequest.LINE);
    NumberReading touching = recognizer.read(Handwriting.draw("38", Handwriting.Style.PLAIN, -0.12), ReadRequest.LINE);
    assertTrue(touching.confidence() < clear.confidence(),
        "touching " + touching.confidence() + " vs clear " + clear.confidence());
    assertTrue(touching.uncertain(0.999) && !clear.uncertain(0));
  }

  @Test
  void aRemnantOfARuledLineBesideADigitIsLeftOut() {
    BufferedImage seven = Handwriting.draw("7", Handwriting.Style.PLAIN, 0);
    BufferedImage page = new BufferedImage(seven.getWidth() + 120, seven.getHeight() + 60, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    g.drawImage(seven, 0, 0, null);
    g.setColor(Color.BLACK);
    g.fillRect(seven.getWidth() + 20, seven.getHeight() + 30, 70, 3); // the end of a line, below and beside
    g.dispose();
    assertEquals("7", recognizer.read(page, ReadRequest.LINE).text());
  }
}
