package digits.predict.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.Handwriting;
import digits.predict.ink.InkImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmenterTest {
  private static Line line(BufferedImage image, int expected) {
    return Segmenter.atoms(InkImage.of(image), expected);
  }

  @Test
  void separateDigitsAreOneGlyphEachLeftToRight() {
    List<Atom> a = line(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), 0).atoms();
    assertEquals(5, a.stream().mapToInt(Atom::glyph).distinct().count());
    for (int i = 1; i < a.size(); i++) {
      assertTrue(a.get(i).x0() > a.get(i - 1).x0());
      assertTrue(a.get(i).glyph() >= a.get(i - 1).glyph(), "a glyph's atoms together, in the glyphs' order");
    }
  }

  @Test
  void touchingDigitsGetCandidateCuts() {
    // Negative gap: the strokes of neighbouring digits run into each other.
    Line line = line(Handwriting.draw("4700", Handwriting.Style.PLAIN, -0.22), 0);
    assertTrue(line.atoms().size() >= 4, "atoms: " + line.atoms().size());
    long cuts = java.util.stream.IntStream.range(0, line.atoms().size() - 1).filter(line::cutBetween).count();
    assertTrue(cuts >= 1, "no cut inside a glyph");
  }

  /**
   * The line of {@code shapes} drawn black on a white canvas 120 pixels high, with strokes 0.08 of an 84-pixel digit
   * wide; checked to hold {@code glyphs} glyphs.
   */
  private static Line drawn(int width, int glyphs, java.awt.Shape... shapes) {
    BufferedImage image = new BufferedImage(width, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, 120);
    g.setColor(Color.BLACK);
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setStroke(new java.awt.BasicStroke(0.08f * 84, java.awt.BasicStroke.CAP_ROUND,
        java.awt.BasicStroke.JOIN_ROUND));
    for (java.awt.Shape shape : shapes) {
      g.draw(shape);
    }
    g.dispose();
    Line line = line(image, 0);
    assertEquals(glyphs, line.atoms().stream().mapToInt(Atom::glyph).distinct().count(), "glyphs");
    return line;
  }

  @Test
  void twoTouchingOnesAreCutThoughTheirGlyphIsNarrow() {
    // two upright 1s 0.35 of the line's height apart, joined at the foot (one glyph 0.43 of the line wide), and a
    // third 1 apart
    Line line = drawn(160, 2, new java.awt.geom.Line2D.Double(40, 18, 40, 102),
        new java.awt.geom.Line2D.Double(72, 18, 72, 102), new java.awt.geom.Line2D.Double(40, 99, 72, 99),
        new java.awt.geom.Line2D.Double(120, 18, 120, 102));
    long first = line.atoms().stream().filter(a -> a.glyph() == 0).count();
    assertTrue(first >= 2, "a candidate cut between the two touching 1s: " + first + " atom");
  }

  @Test
  void aThinOneTouchingItsNeighboursEdgeGetsACutBesideIt() {
    // a 0 (0.5 of its height wide) and a 1 touching its right side through a short bridge
    Line line = drawn(160, 1, new java.awt.geom.Ellipse2D.Double(40, 18, 42, 84),
        new java.awt.geom.Line2D.Double(82, 60, 88, 60), new java.awt.geom.Line2D.Double(91, 18, 91, 102));
    Atom last = line.atoms().get(line.atoms().size() - 1);
    assertTrue(last.width() < 0.15 * line.height(), "the 1 cut off alone: the last atom is " + last.width()
        + " pixels wide, the line " + line.height() + " high");
  }

  @Test
  void aGlyphAloneInItsImageIsCutOnlyWhenWider() {
    // a 0 about 0.45 of its height wide: alone it is one digit; beside another, it may hold two
    assertEquals(1, line(Handwriting.draw("0", Handwriting.Style.PLAIN, 0), 0).atoms().size());
    assertTrue(line(Handwriting.draw("00", Handwriting.Style.PLAIN, 0.25), 0).atoms().size() > 2);
  }

  @Test
  void aBrokenStrokeStaysOneGlyph() {
    // A 5 whose top bar is detached from the rest.
    BufferedImage image = Handwriting.draw("54", Handwriting.Style.PLAIN, 0.3);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    int h = image.getHeight();
    double digitH = 0.7 * h;
    double left = (image.getWidth() - (2 * 0.62 * digitH + 0.3 * digitH)) / 2;
    g.fillRect((int) (left + 0.2 * 0.62 * digitH), (int) ((h - digitH) / 2 + 0.09 * digitH),
        (int) (0.08 * 0.62 * digitH), (int) (0.1 * digitH)); // cut the 5 below its bar
    g.dispose();
    List<Atom> atoms = line(image, 0).atoms();
    assertEquals(2, atoms.stream().mapToInt(Atom::glyph).distinct().count());
  }

  @Test
  void anExpectedLengthCutsUntilThereAreEnoughAtoms() {
    BufferedImage image = Handwriting.draw("12345", Handwriting.Style.PLAIN, 0.25);
    assertTrue(line(image, 7).atoms().size() >= 7);
  }

  @Test
  void ruledLinesAreNotInk() {
    BufferedImage image = Handwriting.draw("7", Handwriting.Style.PLAIN, 0);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(120, 140, 200));
    for (int y = 10; y < image.getHeight(); y += 24) {
      g.fillRect(0, y, image.getWidth(), 2);
    }
    g.dispose();
    Line line = line(image, 0);
    assertEquals(1, line.atoms().stream().mapToInt(Atom::glyph).distinct().count());
    int width = line.atoms().stream().mapToInt(Atom::x1).max().orElseThrow()
        - line.atoms().stream().mapToInt(Atom::x0).min().orElseThrow();
    assertTrue(width < image.getWidth() / 2, "line left in: width " + width);
  }

  @Test
  void blankAndNoiseOnlyImagesHoldNoDigit() {
    BufferedImage blank = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(new Color(240, 236, 220));
    g.fillRect(0, 0, 64, 64);
    g.dispose();
    assertEquals("no digit found",
        assertThrows(IllegalArgumentException.class, () -> line(blank, 0)).getMessage());
    BufferedImage noise = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(3);
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 96; x++) {
        int v = (int) Math.max(0, Math.min(255, 225 + 12 * random.nextGaussian()));
        noise.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    assertEquals("no digit found",
        assertThrows(IllegalArgumentException.class, () -> line(noise, 0)).getMessage());
  }
}
