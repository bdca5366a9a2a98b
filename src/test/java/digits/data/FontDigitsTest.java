package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FontDigitsTest {
  /** The JDK's logical fonts exist everywhere, so the drawing is tested without the Debian packages. */
  private static final List<Font> FONTS = List.of(new Font(Font.SANS_SERIF, Font.PLAIN, 12),
      new Font(Font.SERIF, Font.ITALIC, 12));

  @Test
  void digitsAreDrawnInTurnCentredAsMnistAndSeeded() {
    LabeledImages a = FontDigits.draw(FONTS, 30, 7);
    assertEquals(30, a.size());
    for (int i = 0; i < 30; i++) {
      assertEquals(i % 10, a.label(i), "labels 0 to 9 in turn");
      double mass = 0;
      double mx = 0;
      double my = 0;
      int x0 = 28;
      int x1 = -1;
      int y0 = 28;
      int y1 = -1;
      for (int p = 0; p < 784; p++) {
        int v = a.pixels()[i * 784 + p] & 0xFF;
        mass += v;
        mx += v * (p % 28 + 0.5);
        my += v * (p / 28 + 0.5);
        if (v > 64) {
          x0 = Math.min(x0, p % 28);
          x1 = Math.max(x1, p % 28);
          y0 = Math.min(y0, p / 28);
          y1 = Math.max(y1, p / 28);
        }
      }
      assertEquals(14, mx / mass, 0.75, "centre of mass in the middle, as in MNIST (image " + i + ")");
      assertEquals(14, my / mass, 0.75);
      int longer = Math.max(x1 - x0 + 1, y1 - y0 + 1);
      assertTrue(longer >= 16 && longer <= 23, "longer side about 20 pixels, as in MNIST: " + longer);
    }
    assertArrayEquals(a.pixels(), FontDigits.draw(FONTS, 30, 7).pixels(), "same seed, same images");
    assertTrue(!java.util.Arrays.equals(a.pixels(), FontDigits.draw(FONTS, 30, 8).pixels()), "another seed differs");
  }

  @Test
  void aMissingFontNamesThePackagesToInstall() {
    IOException e = assertThrows(IOException.class, () -> FontFiles.load(List.of(
        new FontFiles.Source("fonts-nowhere", Path.of("/nonexistent/font.ttf"))), "fonts", List.of("fonts-nowhere")));
    assertTrue(e.getMessage().contains("fonts-nowhere") && e.getMessage().contains("apt-get install"),
        e.getMessage());
  }

  @Test
  void concatKeepsBothSetsInOrderAndRefusesAnotherShape() {
    LabeledImages a = FontDigits.draw(FONTS, 3, 1);
    LabeledImages b = FontDigits.draw(FONTS, 2, 2);
    LabeledImages ab = a.concat(b);
    assertEquals(5, ab.size());
    assertEquals(b.label(1), ab.label(4));
    assertEquals(b.pixels()[784 + 400], ab.pixels()[4 * 784 + 400]);
    assertThrows(IllegalArgumentException.class,
        () -> a.concat(new LabeledImages(new byte[16], new byte[1], 4, 4, 10)));
  }
}
