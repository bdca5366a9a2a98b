package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import digits.predict.search.ReadingPrior;
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
