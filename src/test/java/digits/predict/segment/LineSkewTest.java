package digits.predict.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.Handwriting;
import digits.predict.ink.InkImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

public class LineSkewTest {
  /** {@code image} turned by {@code degrees} (positive: counter-clockwise on screen, the line rising to the right). */
  public static BufferedImage tilted(BufferedImage image, double degrees) {
    double a = Math.toRadians(degrees);
    int w = image.getWidth();
    int h = image.getHeight();
    int tw = (int) Math.ceil(Math.abs(w * Math.cos(a)) + Math.abs(h * Math.sin(a)));
    int th = (int) Math.ceil(Math.abs(w * Math.sin(a)) + Math.abs(h * Math.cos(a)));
    BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, tw, th);
    AffineTransform t = new AffineTransform();
    t.translate(tw / 2.0, th / 2.0);
    t.rotate(-a);
    t.translate(-w / 2.0, -h / 2.0);
    g.drawImage(image, t, null);
    g.dispose();
    return out;
  }

  private static Line line(BufferedImage image) {
    return Segmenter.atoms(InkImage.of(image), 0);
  }

  @Test
  void aTiltedLineIsMeasuredEitherWay() {
    BufferedImage level = Handwriting.draw("4702", Handwriting.Style.PLAIN, 0.25);
    for (double degrees : new double[] {-9, -5, 5, 9}) {
      double measured = LineSkew.degrees(line(tilted(level, degrees)));
      assertEquals(degrees, measured, 1.5, "tilted by " + degrees);
    }
  }

  @Test
  void levelAndLeaningLinesAreLeftAlone() {
    assertEquals(0, LineSkew.degrees(line(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25))));
    // Each digit leaning, as quick writing does: the line itself stays level.
    BufferedImage leaning = Handwriting.draw("90210", new Handwriting.Style(120, 0.7, 0.09, Color.BLACK, Color.WHITE,
        -14), 0.25);
    assertEquals(0, LineSkew.degrees(line(leaning)));
  }

  @Test
  void aSingleDigitIsNeverTurned() {
    assertEquals(0, LineSkew.degrees(line(tilted(Handwriting.draw("7", Handwriting.Style.PLAIN, 0), 10))));
  }

  @Test
  void turningALineBackGivesItsDigitsTheirHeightAgain() {
    // Touching digits are one glyph, whose height is the line's: tilted, it is taller than any digit.
    BufferedImage level = Handwriting.draw("35884776", Handwriting.Style.PLAIN, -0.2);
    Line tilted = line(tilted(level, 8));
    Line straightened = Segmenter.atoms(LineSkew.turn(tilted.ink(), LineSkew.degrees(tilted)), 0);
    int levelHeight = line(level).height();
    assertTrue(tilted.height() > 1.15 * levelHeight, "tilted " + tilted.height() + ", level " + levelHeight);
    assertEquals(levelHeight, straightened.height(), 0.08 * levelHeight);
    assertTrue(straightened.atoms().size() >= 8, "atoms: " + straightened.atoms().size());
  }
}
