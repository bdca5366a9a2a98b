package digits.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small synthetic MNIST-like datasets written by the tests themselves. */
public final class Fixtures {
  public static final int SIZE = 28;

  private Fixtures() {}

  /**
   * {@code n} images of 28x28 where class {@code c} is a bright 6x6 block at one of ten fixed places (plus noise
   * and a jitter of one pixel): easy to learn, so a short run must fit it.
   */
  public static LabeledImages blocks(int n, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[n * SIZE * SIZE];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      labels[i] = (byte) c;
      int top = 3 + (c / 5) * 13 + random.nextInt(3);
      int left = 1 + (c % 5) * 5 + random.nextInt(2);
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          boolean ink = y >= top && y < top + 6 && x >= left && x < left + 4;
          int v = ink ? 200 + random.nextInt(56) : random.nextInt(30);
          pixels[i * SIZE * SIZE + y * SIZE + x] = (byte) v;
        }
      }
    }
    return new LabeledImages(pixels, labels, SIZE, SIZE, classes);
  }

  /** Writes a dataset folder with LeCun names (or Kaggle's), raw or gzip. */
  public static Path writeDataset(Path dir, int train, int test, boolean gzip, boolean kaggle) throws IOException {
    LabeledImages a = blocks(train, 10, 1);
    LabeledImages b = blocks(test, 10, 2);
    write(dir, DatasetFiles.Part.TRAIN_IMAGES, images(a), gzip, kaggle);
    write(dir, DatasetFiles.Part.TRAIN_LABELS, labels(a), gzip, kaggle);
    write(dir, DatasetFiles.Part.TEST_IMAGES, images(b), gzip, kaggle);
    write(dir, DatasetFiles.Part.TEST_LABELS, labels(b), gzip, kaggle);
    return dir;
  }

  public static IdxArray images(LabeledImages d) {
    return new IdxArray(new int[] {d.size(), d.height(), d.width()}, d.pixels());
  }

  public static IdxArray labels(LabeledImages d) {
    return new IdxArray(new int[] {d.size()}, d.labels());
  }

  static void write(Path dir, DatasetFiles.Part part, IdxArray array, boolean gzip, boolean kaggle)
      throws IOException {
    String name = part.acceptedNames().get(kaggle ? 2 : 0) + (gzip ? ".gz" : "");
    Idx.write(dir.resolve(name), array, gzip);
  }
}
