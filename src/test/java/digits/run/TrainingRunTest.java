package digits.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.LabeledImages;
import org.junit.jupiter.api.Test;

class TrainingRunTest {
  @Test
  void searchPiecesJoinAsTheNetworksNonDigitClass() {
    int n = 20;
    byte[] pixels = new byte[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      int half = 1 + i % 10; // bars of ten widths
      for (int y = 4; y < 24; y++) {
        for (int x = 14 - half; x < 14 + half; x++) {
          pixels[i * 784 + y * 28 + x] = (byte) 255;
        }
      }
    }
    LabeledImages pieces = TrainingRun.searchPieces(new LabeledImages(pixels, labels, 28, 28, 10), 100, 10, 3);
    assertEquals(100, pieces.size());
    assertEquals(11, pieces.classes(), "the digits' classes and the non-digit one");
    int[] counts = pieces.classCounts();
    assertEquals(30, counts[10], "30% of the pieces are not one digit");
    assertTrue(java.util.Arrays.stream(counts, 0, 10).sum() == 70);
  }
}
