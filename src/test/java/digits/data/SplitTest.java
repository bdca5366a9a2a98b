package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitTest {
  /** Unbalanced classes: class c has 100 + 37 c images, in random order. */
  private static LabeledImages unbalanced() {
    int n = 0;
    for (int c = 0; c < 10; c++) {
      n += 100 + 37 * c;
    }
    byte[] labels = new byte[n];
    for (int c = 0, i = 0; c < 10; c++) {
      for (int k = 0; k < 100 + 37 * c; k++) {
        labels[i++] = (byte) c;
      }
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      byte t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    return new LabeledImages(new byte[n * 4], labels, 2, 2, 10);
  }

  @Test
  void isStratifiedDisjointAndComplete() {
    LabeledImages d = unbalanced();
    Split s = Split.stratified(d, 0.1, 42);
    assertEquals(Math.round(d.size() * 0.1), s.validation().length);
    assertEquals(d.size(), s.train().length + s.validation().length);
    boolean[] seen = new boolean[d.size()];
    for (int[] part : new int[][] {s.train(), s.validation()}) {
      for (int i : part) {
        assertFalse(seen[i], "index " + i + " in both parts");
        seen[i] = true;
      }
    }
    int[] val = d.subset(s.validation()).classCounts();
    int[] all = d.classCounts();
    for (int c = 0; c < 10; c++) {
      assertEquals(all[c] * 0.1, val[c], 1.0, "class " + c);
    }
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    LabeledImages d = unbalanced();
    assertArrayEquals(Split.stratified(d, 0.1, 1).validation(), Split.stratified(d, 0.1, 1).validation());
    assertFalse(Arrays.equals(Split.stratified(d, 0.1, 1).validation(), Split.stratified(d, 0.1, 2).validation()));
  }

  @Test
  void mnistSizedSplitIs54000And6000() {
    byte[] labels = new byte[60000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i * 7 % 10);
    }
    Split s = Split.stratified(new LabeledImages(new byte[60000], labels, 1, 1, 10), 0.1, 0);
    assertEquals(54000, s.train().length);
    assertEquals(6000, s.validation().length);
  }

  @Test
  void zeroFractionKeepsEverythingAndBadFractionsFail() {
    LabeledImages d = unbalanced();
    assertEquals(0, Split.stratified(d, 0, 1).validation().length);
    assertThrows(IllegalArgumentException.class, () -> Split.stratified(d, 1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.stratified(d, Double.NaN, 1));
    assertTrue(Split.stratified(d, 0.5, 1).train().length > 0);
  }
}
