package digits.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Images with one class label each, held as flat unsigned bytes: image {@code i} is
 * {@code pixels[i * height * width, (i + 1) * height * width)}, row-major, 0 = background, 255 = full ink.
 * Labels are in {@code [0, classes)}.
 */
public record LabeledImages(byte[] pixels, byte[] labels, int height, int width, int classes) {
  public LabeledImages {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("Expected positive image size, received " + height + "x" + width);
    }
    if ((long) labels.length * height * width != pixels.length) {
      throw new IllegalArgumentException("Expected " + labels.length + " images of " + height + "x" + width
          + ", received " + pixels.length + " pixels");
    }
  }

  /** The number of classes of MNIST-like datasets. */
  public static final int DEFAULT_CLASSES = 10;

  /** Reads an image file ({@code [n, h, w]}) and a label file ({@code [n]}) and checks that they match. */
  public static LabeledImages read(Path imageFile, Path labelFile, int classes) throws IOException {
    IdxArray images = Idx.read(imageFile);
    int[] s = images.shape();
    if (s.length != 3) {
      throw new InvalidDataException(imageFile, "expected an image file with 3 dimensions [count, rows, columns], "
          + "received " + s.length + (s.length == 1 ? " (is this a label file?)" : ""));
    }
    if (s[0] == 0) {
      throw new InvalidDataException(imageFile, "holds zero images");
    }
    if (s[1] == 0 || s[2] == 0) {
      throw new InvalidDataException(imageFile, "images have zero size " + s[1] + "x" + s[2]);
    }
    IdxArray labels = Idx.read(labelFile);
    int[] l = labels.shape();
    if (l.length != 1) {
      throw new InvalidDataException(labelFile, "expected a label file with 1 dimension [count], received "
          + l.length + (l.length == 3 ? " (is this an image file?)" : ""));
    }
    if (l[0] != s[0]) {
      throw new InvalidDataException(labelFile, "holds " + l[0] + " labels but " + imageFile.getFileName()
          + " holds " + s[0] + " images");
    }
    byte[] y = labels.data();
    for (int i = 0; i < y.length; i++) {
      if ((y[i] & 0xFF) >= classes) {
        throw new InvalidDataException(labelFile, "label " + (y[i] & 0xFF) + " at index " + i
            + " is out of range [0, " + (classes - 1) + "]");
      }
    }
    return new LabeledImages(images.data(), y, s[1], s[2], classes);
  }

  public int size() {
    return labels.length;
  }

  public int imageSize() {
    return height * width;
  }

  public int label(int i) {
    return labels[i] & 0xFF;
  }

  /** Count of images per class. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (byte b : labels) {
      counts[b & 0xFF]++;
    }
    return counts;
  }

  /** The images at the given indices, in that order. */
  public LabeledImages subset(int[] indices) {
    int n = imageSize();
    byte[] p = new byte[indices.length * n];
    byte[] y = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * n, p, i * n, n);
      y[i] = labels[indices[i]];
    }
    return new LabeledImages(p, y, height, width, classes);
  }

  /**
   * These images followed by {@code more}'s (same size and classes).
   *
   * @throws IllegalArgumentException when the sizes or class counts differ
   */
  public LabeledImages concat(LabeledImages more) {
    if (more.height != height || more.width != width || more.classes != classes) {
      throw new IllegalArgumentException("Expected " + height + "x" + width + " images of " + classes
          + " classes, received " + more.height + "x" + more.width + " of " + more.classes);
    }
    byte[] p = java.util.Arrays.copyOf(pixels, pixels.length + more.pixels.length);
    System.arraycopy(more.pixels, 0, p, pixels.length, more.pixels.length);
    byte[] y = java.util.Arrays.copyOf(labels, labels.length + more.labels.length);
    System.arraycopy(more.labels, 0, y, labels.length, more.labels.length);
    return new LabeledImages(p, y, height, width, classes);
  }
}
