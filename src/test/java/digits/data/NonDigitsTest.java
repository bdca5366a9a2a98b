package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NonDigitsTest {
  /** Eight 28x28 images, each an upright bar 4 wide and 16 tall at a different column. */
  private static float[] bars(int n) {
    float[] images = new float[n * 784];
    for (int i = 0; i < n; i++) {
      for (int y = 6; y < 22; y++) {
        for (int x = 0; x < 8; x++) {
          images[i * 784 + y * 28 + 4 + 2 * i + x] = 1f;
        }
      }
    }
    return images;
  }

  @Test
  void replacedImagesGetTheExtraLabelAndLookLikeAPieceOfALineFittedToTheField() {
    float[] images = bars(8);
    int[] labels = {0, 1, 2, 3, 4, 5, 6, 7};
    new NonDigits(28, 28).replace(images, labels, 8, 1.0, 10, new SplittableRandom(1));
    int replaced = 0;
    for (int i = 0; i < 8; i++) {
      if (labels[i] != 10) {
        assertEquals(i, labels[i], "an image left alone keeps its label");
        continue;
      }
      replaced++;
      double mass = 0;
      double mx = 0;
      double my = 0;
      float max = 0;
      for (int p = 0; p < 784; p++) {
        float v = images[i * 784 + p];
        assertTrue(v >= 0 && v <= 1, "pixel in [0, 1]");
        mass += v;
        mx += v * (p % 28 + 0.5);
        my += v * (p / 28 + 0.5);
        max = Math.max(max, v);
      }
      assertTrue(max > 0.9, "ink survives the scaling");
      assertEquals(14, mx / mass, 0.6, "centre of mass in the middle, as the reader centres a piece");
      assertEquals(14, my / mass, 0.6);
    }
    assertTrue(replaced >= 6, "with share 1 nearly every image is replaced (slivers are skipped): " + replaced);
  }

  @Test
  void sameRandomSameImagesAndShareZeroChangesNothing() {
    float[] a = bars(8);
    float[] b = bars(8);
    int[] la = new int[8];
    int[] lb = new int[8];
    new NonDigits(28, 28).replace(a, la, 8, 0.5, 10, new SplittableRandom(7));
    new NonDigits(28, 28).replace(b, lb, 8, 0.5, 10, new SplittableRandom(7));
    assertArrayEquals(a, b);
    assertArrayEquals(la, lb);
    assertNotEquals(0, java.util.Arrays.stream(la).filter(l -> l == 10).count());

    float[] c = bars(8);
    int[] lc = new int[8];
    new NonDigits(28, 28).replace(c, lc, 8, 0, 10, new SplittableRandom(7));
    assertArrayEquals(bars(8), c);
    assertArrayEquals(new int[8], lc);
  }

  @Test
  void thePipelineLabelsNonDigitsAsTheClassAfterTheDatasetsOwn() {
    LabeledImages data = Fixtures.blocks(64, 10, 3);
    Augmentation nonDigits = Augmentation.NONE.withNonDigits(0.3);
    Batch batch = BatchPipeline.of(data, new BatchPipeline.Options(64, false, false, Normalization.UNIT, nonDigits,
        0, 5)).epoch(0).next();
    long extra = java.util.Arrays.stream(batch.labels()).filter(l -> l == 10).count();
    assertTrue(extra > 5 && extra < 35, "about 30% replaced: " + extra);
    assertTrue(java.util.Arrays.stream(batch.labels()).allMatch(l -> l >= 0 && l <= 10));
  }

  @Test
  void dataThatHoldNonDigitsAlreadyShareTheirLabelWithThePipelines() {
    LabeledImages digits = Fixtures.blocks(64, 10, 3);
    byte[] labels = digits.labels().clone();
    labels[0] = 10; // one image of the data is itself not one digit: the dataset has 11 classes
    LabeledImages data = new LabeledImages(digits.pixels(), labels, 28, 28, 11);
    Augmentation nonDigits = Augmentation.NONE.withNonDigits(0.3);
    BatchPipeline.Options options = new BatchPipeline.Options(64, false, false, Normalization.UNIT, nonDigits, 0, 5);
    int[] all = java.util.stream.IntStream.range(0, 64).toArray();
    Batch batch = new BatchPipeline(data, all, options, 10).epoch(0).next();
    assertTrue(java.util.Arrays.stream(batch.labels()).allMatch(l -> l >= 0 && l <= 10), "never a 12th class");
    assertTrue(java.util.Arrays.stream(batch.labels()).filter(l -> l == 10).count() > 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BatchPipeline(data, new int[] {0}, options, 9));
    assertTrue(e.getMessage().contains("non-digit label"), e.getMessage());
  }

  @Test
  void digitsCutFromALineKeepTheirLabelGainASliverOfTheirNeighbourAndStayCentred() {
    float[] images = bars(8);
    int[] labels = {0, 1, 2, 3, 4, 5, 6, 7};
    new NonDigits(28, 28).cutFromLine(images, labels, 8, 1.0, new SplittableRandom(3));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, labels, "a digit cut from a line keeps its label");
    int changed = 0;
    float[] original = bars(8);
    for (int i = 0; i < 8; i++) {
      float[] image = java.util.Arrays.copyOfRange(images, i * 784, (i + 1) * 784);
      if (!java.util.Arrays.equals(image, java.util.Arrays.copyOfRange(original, i * 784, (i + 1) * 784))) {
        changed++;
      }
      double mass = 0;
      double mx = 0;
      for (int p = 0; p < 784; p++) {
        mass += image[p];
        mx += image[p] * (p % 28 + 0.5);
      }
      assertEquals(14, mx / mass, 0.6, "centred as the reader centres a piece");
    }
    assertEquals(8, changed, "with share 1 every image is redrawn");

    float[] c = bars(8);
    new NonDigits(28, 28).cutFromLine(c, labels, 8, 0, new SplittableRandom(3));
    assertArrayEquals(bars(8), c, "share 0 changes nothing");
  }
}
