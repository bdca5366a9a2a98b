package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {
  private static List<Segmenter.Piece> pieces(BufferedImage image, int expected) {
    return Segmenter.pieces(InkImage.of(image), expected);
  }

  @Test
  void separateDigitsAreFoundLeftToRight() {
    List<Segmenter.Piece> p = pieces(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), 0);
    assertEquals(5, p.size());
    for (int i = 1; i < p.size(); i++) {
      assertEquals(true, p.get(i).x0() > p.get(i - 1).x0());
    }
  }

  @Test
  void touchingDigitsAreCut() {
    // Negative gap: the strokes of neighbouring digits run into each other.
    BufferedImage image = Handwriting.draw("4700", Handwriting.Style.PLAIN, -0.06);
    assertEquals(4, pieces(image, 0).size());
  }

  @Test
  void aBrokenStrokeStaysOneDigit() {
    // A 5 whose top bar is detached from the rest, and a gap in the 4's stem.
    BufferedImage image = Handwriting.draw("54", Handwriting.Style.PLAIN, 0.3);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    int h = image.getHeight();
    double digitH = 0.7 * h;
    double left = (image.getWidth() - (2 * 0.62 * digitH + 0.3 * digitH)) / 2;
    g.fillRect((int) (left + 0.2 * 0.62 * digitH), (int) ((h - digitH) / 2 + 0.09 * digitH),
        (int) (0.08 * 0.62 * digitH), (int) (0.1 * digitH)); // cut the 5 below its bar
    g.dispose();
    assertEquals(2, pieces(image, 0).size());
  }

  @Test
  void anExpectedLengthCutsOrJoins() {
    BufferedImage image = Handwriting.draw("12345", Handwriting.Style.PLAIN, 0.25);
    assertEquals(5, pieces(image, 5).size());
    assertEquals(4, pieces(image, 4).size());
    assertEquals(6, pieces(image, 6).size());
  }
}
