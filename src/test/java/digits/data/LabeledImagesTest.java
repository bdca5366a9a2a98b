package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledImagesTest {
  @TempDir Path dir;

  private void assertRejected(Path images, Path labels, Path named, String expected) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> LabeledImages.read(images, labels, 10));
    assertTrue(e.getMessage().startsWith(named.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void readsAMatchingPair() throws IOException {
    LabeledImages d = Fixtures.blocks(20, 10, 3);
    Idx.write(dir.resolve("i"), Fixtures.images(d), false);
    Idx.write(dir.resolve("l"), Fixtures.labels(d), true);
    LabeledImages r = LabeledImages.read(dir.resolve("i"), dir.resolve("l"), 10);
    assertArrayEquals(d.pixels(), r.pixels());
    assertArrayEquals(d.labels(), r.labels());
    assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, r.classCounts());
  }

  @Test
  void rejectsCountMismatch() throws IOException {
    Idx.write(dir.resolve("i"), Fixtures.images(Fixtures.blocks(20, 10, 3)), false);
    Idx.write(dir.resolve("l"), Fixtures.labels(Fixtures.blocks(19, 10, 3)), false);
    assertRejected(dir.resolve("i"), dir.resolve("l"), dir.resolve("l"), "holds 19 labels but i holds 20 images");
  }

  @Test
  void rejectsLabelOutOfRange() throws IOException {
    Idx.write(dir.resolve("i"), new IdxArray(new int[] {2, 2, 2}, new byte[8]), false);
    Idx.write(dir.resolve("l"), new IdxArray(new int[] {2}, new byte[] {3, 10}), false);
    assertRejected(dir.resolve("i"), dir.resolve("l"), dir.resolve("l"), "label 10 at index 1 is out of range [0, 9]");
  }

  @Test
  void rejectsZeroImagesAndSwappedFiles() throws IOException {
    Idx.write(dir.resolve("empty"), new IdxArray(new int[] {0, 28, 28}, new byte[0]), false);
    Idx.write(dir.resolve("l"), new IdxArray(new int[] {0}, new byte[0]), false);
    assertRejected(dir.resolve("empty"), dir.resolve("l"), dir.resolve("empty"), "zero images");
    assertRejected(dir.resolve("l"), dir.resolve("empty"), dir.resolve("l"), "is this a label file?");
  }

  @Test
  void subsetKeepsOrder() {
    LabeledImages d = Fixtures.blocks(10, 10, 3);
    LabeledImages s = d.subset(new int[] {7, 2});
    assertEquals(7, s.label(0));
    assertEquals(2, s.label(1));
    assertEquals(d.pixels()[7 * 784 + 100], s.pixels()[100]);
  }
}
