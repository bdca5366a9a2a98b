package digits.predict.ink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.DigitRecognizer;
import digits.predict.Handwriting;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The preprocessing's promises, checked without any model. */
class MnistPreprocessorTest {
  private static final int N = MnistPreprocessor.SIZE;

  private static int[] inkBox(float[] x) {
    int x0 = N;
    int y0 = N;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < N; y++) {
      for (int c = 0; c < N; c++) {
        if (x[y * N + c] > 0.05f) {
          x0 = Math.min(x0, c);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, c);
          y1 = Math.max(y1, y);
        }
      }
    }
    return new int[] {x0, y0, x1, y1};
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
  void isA28x28InputWithInkBrightA20PixelBoxAndACentredMass(int digit) {
    BufferedImage image = Handwriting.draw(String.valueOf(digit), new Handwriting.Style(300, 0.6, 0.08,
        Color.BLACK, Color.WHITE, 0), 0);
    float[] x = DigitRecognizer.input(image);
    assertEquals(N * N, x.length);
    float max = 0;
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < N; y++) {
      for (int c = 0; c < N; c++) {
        float v = x[y * N + c];
        assertTrue(v >= 0 && v <= 1);
        max = Math.max(max, v);
        mass += v;
        mx += v * c;
        my += v * y;
      }
    }
    assertTrue(max > 0.9f, "strongest ink near 1 (the sub-pixel shift blends a little): " + max);
    assertTrue(x[0] == 0 && x[N * N - 1] == 0, "background is dark (0)");
    int[] box = inkBox(x);
    int longer = Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1);
    assertTrue(longer >= MnistPreprocessor.BOX && longer <= MnistPreprocessor.BOX + 2,
        "longer side about 20 px (plus the anti-aliased rim): " + longer);
    assertEquals(13.5, mx / mass, 0.5);
    assertEquals(13.5, my / mass, 0.5);
  }

  @Test
  void invertedInputGivesTheSameResult() {
    Handwriting.Style dark = new Handwriting.Style(200, 0.6, 0.1, Color.BLACK, Color.WHITE, 0);
    Handwriting.Style light = new Handwriting.Style(200, 0.6, 0.1, Color.WHITE, Color.BLACK, 0);
    float[] a = DigitRecognizer.input(Handwriting.draw("5", dark, 0));
    float[] b = DigitRecognizer.input(Handwriting.draw("5", light, 0));
    assertArrayEquals(a, b, 1e-5f);
  }

  @Test
  void colourAndPaperToneDoNotMatter() {
    float[] black = DigitRecognizer.input(Handwriting.draw("3", Handwriting.Style.PLAIN, 0));
    float[] blue = DigitRecognizer.input(Handwriting.draw("3", new Handwriting.Style(120, 0.7, 0.09,
        new Color(20, 40, 160), new Color(250, 240, 200), 0), 0));
    double diff = 0;
    for (int i = 0; i < black.length; i++) {
      diff = Math.max(diff, Math.abs(black[i] - blue[i]));
    }
    assertTrue(diff < 0.1, "max difference " + diff);
  }

  @Test
  void specksAreIgnored() {
    BufferedImage clean = Handwriting.draw("7", Handwriting.Style.PLAIN, 0);
    BufferedImage noisy = Handwriting.draw("7", Handwriting.Style.PLAIN, 0);
    noisy.setRGB(3, 3, 0);
    noisy.setRGB(noisy.getWidth() - 4, noisy.getHeight() - 4, 0);
    assertArrayEquals(DigitRecognizer.input(clean), DigitRecognizer.input(noisy), 1e-6f);
  }

  @Test
  void aBlankImageIsRefused() {
    BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DigitRecognizer.input(blank));
    assertTrue(e.getMessage().contains("no digit found"), e.getMessage());
  }

  @Test
  void greyImagesAreReadAtTheLevelsTheyStore() {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 212);
    grey.getRaster().setSample(1, 0, 0, 40);
    assertEquals(212, InkImage.argb(grey)[0] & 0xFF, "getRGB would say 235: grey levels taken for linear light");
    assertEquals(0xFF282828, InkImage.argb(grey)[1]);
    BufferedImage deep = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
    deep.getRaster().setSample(0, 0, 0, 65535 / 255 * 128);
    assertEquals(128, InkImage.argb(deep)[0] & 0xFF);
    BufferedImage colour = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    colour.setRGB(0, 0, 0x123456);
    assertEquals(0xFF123456, InkImage.argb(colour)[0]);
  }
}
