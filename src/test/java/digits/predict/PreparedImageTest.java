package digits.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.search.ReadingPrior;
import digits.predict.search.ReadingSearch;
import digits.predict.segment.LineInput;
import digits.predict.segment.LineSkewTest;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreparedImageTest {
  @Test
  void theLineModelSeesATiltedLineAsLargeAsALevelOne() {
    BufferedImage level = Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.2);
    int width = inkColumns(PreparedImage.of(level, ReadRequest.LINE, ReadingPrior.DEFAULT, true).wholeLine());
    int tilted = inkColumns(PreparedImage.of(LineSkewTest.tilted(level, 9), ReadRequest.LINE, ReadingPrior.DEFAULT, true).wholeLine());
    assertEquals(width, tilted, 0.08 * width);
  }

  @Test
  void withALineModelTheWholeGlyphsArePreparedFirstAndTheRestWhenAsked() {
    BufferedImage zip = Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.2);
    PreparedImage first = PreparedImage.of(zip, ReadRequest.LINE, ReadingPrior.DEFAULT, true);
    PreparedImage everything = PreparedImage.of(zip, ReadRequest.LINE, ReadingPrior.DEFAULT, false);
    assertFalse(everything.partial(), "without a line model every candidate at once");
    assertTrue(first.partial());
    assertEquals(everything.candidates(), first.all());
    assertEquals(5, first.candidates().size(), "five glyphs");
    assertTrue(first.candidates().stream().allMatch(s -> ReadingSearch.wholeGlyph(first.line(), s)));
    PreparedImage complete = first.complete();
    assertFalse(complete.partial());
    assertEquals(everything.candidates(), complete.candidates());
    for (int i = 0; i < complete.inputs().size(); i++) {
      assertArrayEquals(everything.inputs().get(i), complete.inputs().get(i), "candidate " + i);
    }
  }

  /** The columns of the line model's input holding ink: how wide the line is once scaled to the input's height. */
  private static int inkColumns(float[] input) {
    int columns = 0;
    for (int x = 0; x < LineInput.WIDTH; x++) {
      for (int y = 0; y < LineInput.HEIGHT; y++) {
        if (input[y * LineInput.WIDTH + x] > 0.1f) {
          columns++;
          break;
        }
      }
    }
    return columns;
  }
}
